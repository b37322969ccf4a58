import type { ValidationSchemaInput } from '@modelgate/core';
import { openTable } from '../readers/open-table.ts';
import type { DataFormat } from '../readers/types.ts';
import { ColumnProfile, MAX_CATEGORIES } from './column-profile.ts';

export interface InferOptions {
  format?: DataFormat;
  delimiter?: string;
  nullValues?: string[];
  /** Strings columns with at most this many distinct values get an `allowed` set. */
  maxCategories?: number;
}

/**
 * A schema the file satisfies: types, nullability, observed ranges, categorical domains and
 * uniqueness, strict columns and at least one row (when the file has any). Meant as a starting point to review and
 * tighten, as TFDV's inferred schema is.
 */
export async function inferSchema(path: string, options: InferOptions = {}): Promise<{ schema: ValidationSchemaInput; rows: number }> {
  const table = await openTable(path, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.nullValues ? { nullValues: options.nullValues } : {}),
  });
  const profiles = table.columns.map((name) => new ColumnProfile(name, options.maxCategories ?? MAX_CATEGORIES));
  let rows = 0;
  for await (const batch of table.batches()) {
    profiles.forEach((profile, i) => {
      const values = batch.column(i);
      for (let r = 0; r < batch.rowCount; r++) profile.observe(values[r]!);
    });
    rows += batch.rowCount;
  }
  const schema: ValidationSchemaInput = {
    version: 1,
    ...(options.nullValues && options.nullValues.length > 0 ? { null_values: options.nullValues } : {}),
    columns: Object.fromEntries(profiles.map((profile) => [profile.name, profile.rules()])),
    // `rows: {min: 1}` only when the file has rows, so a header-only file validates against its own schema.
    table: { ...(rows > 0 ? { rows: { min: 1 } } : {}), columns: 'strict' },
  };
  return { schema, rows };
}
