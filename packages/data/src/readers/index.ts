export type { Cell, DataFormat, OpenTableOptions, RowBatch, Table } from './types.ts';
export { formatOf, openTable } from './open-table.ts';
export { isGlob, matchDataFiles } from './match-files.ts';
