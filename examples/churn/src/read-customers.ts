import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { columns, type Customer } from './customers.ts';

const textColumns = new Set<keyof Customer>(['id', 'contract', 'internet_service', 'payment_method']);

/** Read a customers CSV written by generate.ts, checking the header and turning numbers into numbers. */
export function readCustomers(path: string): Customer[] {
  const records = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const missing = columns.filter((column) => records.length > 0 && !(column in records[0]!));
  if (missing.length > 0) throw new Error(`${path}: missing columns ${missing.join(', ')}`);
  return records.map((record, index) => {
    const row: Record<string, string | number> = {};
    for (const column of columns) {
      const raw = record[column]!;
      if (textColumns.has(column)) row[column] = raw;
      else {
        const value = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`${path}: row ${index + 2}: ${column} is not a number: "${raw}"`);
        row[column] = value;
      }
    }
    return row as unknown as Customer;
  });
}
