import { z } from 'zod';
import { InputError } from '../errors.ts';
import { parseWith } from '../parse.ts';
import { isCalendarDate, parseDatetime } from './values.ts';

/** Column types a schema can declare. `category` is a string whose domain is usually `allowed`. */
export const columnTypes = ['integer', 'number', 'string', 'boolean', 'date', 'datetime', 'category'] as const;
export type ColumnType = (typeof columnTypes)[number];

export const severities = ['error', 'warn'] as const;
export type Severity = (typeof severities)[number];

/** Every check a column can carry, in report order; each is the schema key that produces it. */
export const columnChecks = [
  'type',
  'nullable',
  'min',
  'max',
  'exclusive_min',
  'exclusive_max',
  'allowed',
  'pattern',
  'unique',
  'length',
  'mean',
  'std',
  'quantiles',
  'missing_share',
] as const;
export type ColumnCheckName = (typeof columnChecks)[number];
export const tableChecks = ['rows', 'columns', 'unique_together'] as const;
export type TableCheckName = (typeof tableChecks)[number];

const bound = z.union([z.number(), z.string()]);
const range = z.strictObject({ min: z.number().optional(), max: z.number().optional() });
const severityOf = <T extends readonly string[]>(checks: T) =>
  z.union([z.enum(severities), z.strictObject(Object.fromEntries(checks.map((c) => [c, z.enum(severities).optional()])) as Record<T[number], z.ZodOptional<z.ZodEnum<{ error: 'error'; warn: 'warn' }>>>)]);

const columnSchema = z.strictObject({
  description: z.string().optional(),
  type: z.enum(columnTypes).optional(),
  nullable: z.boolean().optional(),
  min: bound.optional(),
  max: bound.optional(),
  exclusive_min: bound.optional(),
  exclusive_max: bound.optional(),
  allowed: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
  pattern: z.string().optional(),
  unique: z.boolean().optional(),
  length: z.strictObject({ min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }).optional(),
  mostly: z.number().gt(0).max(1).optional(),
  mean: range.optional(),
  std: range.optional(),
  quantiles: z.record(z.string(), range).optional(),
  missing_share: z.strictObject({ max: z.number().min(0).max(1) }).optional(),
  severity: severityOf(columnChecks).optional(),
});

const tableSchema = z.strictObject({
  rows: z.strictObject({ min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }).optional(),
  columns: z.enum(['strict', 'allow_extra']).optional(),
  unique_together: z.array(z.array(z.string()).min(2)).optional(),
  severity: severityOf(tableChecks).optional(),
});

export const validationSchemaFile = z.strictObject({
  version: z.literal(1).optional(),
  description: z.string().optional(),
  /** Extra tokens read as null in CSV (an empty unquoted field always is). */
  null_values: z.array(z.string()).optional(),
  columns: z.record(z.string(), columnSchema),
  table: tableSchema.optional(),
});

export type ColumnRulesInput = z.output<typeof columnSchema>;
export type TableRulesInput = z.output<typeof tableSchema>;
export type ValidationSchemaInput = z.output<typeof validationSchemaFile>;

/** A column's rules after checking: bounds as numbers, the regex compiled, severities resolved. */
export interface ColumnRules {
  name: string;
  type: ColumnType | undefined;
  nullable: boolean;
  min?: number;
  max?: number;
  exclusive_min?: number;
  exclusive_max?: number;
  /** The bounds as written, for messages (a date stays `2024-01-01`). */
  bounds: Partial<Record<'min' | 'max' | 'exclusive_min' | 'exclusive_max', string | number>>;
  allowed?: readonly (string | number | boolean)[];
  pattern?: { source: string; regex: RegExp };
  unique: boolean;
  length?: { min?: number; max?: number };
  mostly?: number;
  mean?: { min?: number; max?: number };
  std?: { min?: number; max?: number };
  quantiles?: { q: number; min?: number; max?: number }[];
  missing_share?: { max: number };
  severity: Record<ColumnCheckName, Severity>;
}

export interface ValidationSchema {
  /** The document it was parsed from (plain data: worker threads re-parse it, since RegExps do not cross). */
  document: unknown;
  /** Where it came from, for messages. */
  source: string;
  nullValues: string[];
  columns: ColumnRules[];
  rows?: { min?: number; max?: number };
  strictColumns: boolean;
  uniqueTogether: string[][];
  tableSeverity: Record<TableCheckName, Severity>;
}

const numericTypes = new Set<ColumnType | undefined>(['integer', 'number']);
const orderedTypes = new Set<ColumnType | undefined>(['integer', 'number', 'date', 'datetime']);
const textTypes = new Set<ColumnType | undefined>(['string', 'category', undefined]);

/**
 * Parse a schema document (already read from YAML or JSON) and check the rules that zod cannot:
 * bounds that fit the column type, a pattern that compiles, quantile keys in [0, 1], columns of
 * `unique_together` that exist. Every problem is one InputError line naming `source` and the key.
 */
export function parseValidationSchema(document: unknown, source: string): ValidationSchema {
  const input = parseWith(validationSchemaFile, document, source);
  const fail = (path: string, message: string): never => {
    throw new InputError(`${source}: ${path}: ${message}`);
  };
  const columns = Object.entries(input.columns).map(([name, rules]) => compileColumn(name, rules, (key, message) => fail(`columns.${name}.${key}`, message)));
  const names = new Set(columns.map((c) => c.name));
  const table = input.table ?? {};
  (table.unique_together ?? []).forEach((group, i) => {
    for (const name of group) if (!names.has(name)) fail(`table.unique_together[${i}]`, `column "${name}" is not declared under columns`);
  });
  if (table.rows?.min !== undefined && table.rows.max !== undefined && table.rows.min > table.rows.max) fail('table.rows', 'min is greater than max');
  return {
    document,
    source,
    nullValues: input.null_values ?? [],
    columns,
    ...(table.rows ? { rows: table.rows } : {}),
    strictColumns: table.columns === 'strict',
    uniqueTogether: table.unique_together ?? [],
    tableSeverity: resolveSeverity(tableChecks, table.severity),
  };
}

function resolveSeverity<T extends string>(checks: readonly T[], given: Severity | Partial<Record<T, Severity>> | undefined): Record<T, Severity> {
  const out = {} as Record<T, Severity>;
  for (const check of checks) out[check] = typeof given === 'string' ? given : (given?.[check] ?? 'error');
  return out;
}

function compileColumn(name: string, rules: ColumnRulesInput, fail: (key: string, message: string) => never): ColumnRules {
  const type = rules.type;
  const out: ColumnRules = {
    name,
    type,
    nullable: rules.nullable ?? true,
    bounds: {},
    unique: rules.unique ?? false,
    severity: resolveSeverity(columnChecks, rules.severity),
  };
  for (const key of ['min', 'max', 'exclusive_min', 'exclusive_max'] as const) {
    const value = rules[key];
    if (value === undefined) continue;
    if (!orderedTypes.has(type)) fail(key, `needs type integer, number, date or datetime (the column's type is ${type ?? 'not set'})`);
    out[key] = boundValue(value, type!, (message) => fail(key, message));
    out.bounds[key] = value;
  }
  if (rules.allowed) out.allowed = rules.allowed.map((value, i) => allowedValue(value, type, (message) => fail(`allowed[${i}]`, message)));
  if (rules.pattern !== undefined) {
    if (!textTypes.has(type)) fail('pattern', `applies to string and category columns (the column's type is ${type})`);
    try {
      out.pattern = { source: rules.pattern, regex: new RegExp(`^(?:${rules.pattern})$`, 'u') };
    } catch (error) {
      // V8 quotes the wrapped source (`/^(?:...)$/u: `); the user wrote only the pattern.
      const reason = (error as Error).message.replace(/^Invalid regular expression: (?:\/[\s\S]*\/[a-z]*: )?/, '');
      fail('pattern', `invalid regular expression ${JSON.stringify(rules.pattern)} (JavaScript syntax, u flag): ${reason}`);
    }
  }
  if (rules.length) {
    if (!textTypes.has(type)) fail('length', `applies to string and category columns (the column's type is ${type})`);
    if (rules.length.min !== undefined && rules.length.max !== undefined && rules.length.min > rules.length.max) fail('length', 'min is greater than max');
    out.length = rules.length;
  }
  for (const key of ['mean', 'std'] as const) {
    const value = rules[key];
    if (!value) continue;
    if (!numericTypes.has(type)) fail(key, `needs type integer or number (the column's type is ${type ?? 'not set'})`);
    if (value.min !== undefined && value.max !== undefined && value.min > value.max) fail(key, 'min is greater than max');
    out[key] = value;
  }
  if (rules.quantiles) {
    if (!numericTypes.has(type)) fail('quantiles', `needs type integer or number (the column's type is ${type ?? 'not set'})`);
    out.quantiles = Object.entries(rules.quantiles).map(([key, value]) => {
      const q = Number(key);
      if (key.trim() === '' || !Number.isFinite(q) || q < 0 || q > 1) fail(`quantiles.${key}`, 'the quantile must be a number between 0 and 1, e.g. 0.5');
      return { q, ...value };
    });
  }
  if (rules.missing_share) out.missing_share = rules.missing_share;
  if (rules.mostly !== undefined) out.mostly = rules.mostly;
  return out;
}

function boundValue(value: number | string, type: ColumnType, fail: (message: string) => never): number {
  if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number') fail(`expected a number, got ${JSON.stringify(value)}`);
    return value as number;
  }
  if (typeof value !== 'string') fail(`expected an ISO 8601 ${type} string such as ${type === 'date' ? '2024-01-31' : '2024-01-31T12:00:00Z'}`);
  const text = value as string;
  if (type === 'date') {
    if (!isCalendarDate(text)) fail(`expected a calendar date YYYY-MM-DD, got ${JSON.stringify(text)}`);
    return Date.parse(`${text}T00:00:00Z`);
  }
  const ms = parseDatetime(text);
  if (Number.isNaN(ms)) fail(`expected an ISO 8601 datetime, got ${JSON.stringify(text)}`);
  return ms;
}

function allowedValue(value: string | number | boolean, type: ColumnType | undefined, fail: (message: string) => never): string | number | boolean {
  if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number') fail(`expected a number for a ${type} column, got ${JSON.stringify(value)}`);
    return value;
  }
  if (type === 'boolean') {
    if (typeof value !== 'boolean') fail(`expected true or false for a boolean column, got ${JSON.stringify(value)}`);
    return value;
  }
  // Text columns compare text: a YAML `allowed: [1, 2]` on a string column means "1" and "2".
  return String(value);
}
