import { InputError } from '@modelgate/core';
import type { Table } from './types.ts';

export async function openParquetTable(path: string, _columns?: string[]): Promise<Table> {
  throw new InputError(`${path}: Parquet reading is not available yet`);
}
