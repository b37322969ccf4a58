/** A value as the data readers give it (mirrors `Cell` of @modelgate/data, which core cannot import). */
export type Cell = string | number | boolean | bigint | null;
