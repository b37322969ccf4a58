// The profile file `modelgate profile` writes, checked whole at the boundary: its version, every
// field, and the sums that tie them together, so a hand-edited or truncated profile is refused
// with its place named rather than turned into a wrong statistic.

import { z } from 'zod';
import { base64Length } from './base64.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { PROFILE_SCHEMA } from './version.ts';

const count = z.number().int().nonnegative();
/** Padded, as btoa writes it (so atob cannot fail on it). */
const base64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, { message: 'expected base64', abort: true });

const kllStateSchema = z
  .object({
    k: z.number().int().min(8).max(65_535),
    count,
    min: z.number().nullable(),
    max: z.number().nullable(),
    compacted: z.boolean(),
    /** Items of weight 2^h at level h, little-endian float64, base64. */
    levels: z.array(base64.refine((text) => base64Length(text) % 8 === 0, { message: 'expected whole float64 values (8 bytes each)', abort: true })),
  })
  .strict()
  // Compaction keeps the total weight: two items of weight w become one of weight 2w.
  .refine((kll) => kll.levels.reduce((sum, level, h) => sum + (base64Length(level) / 8) * 2 ** h, 0) === kll.count, { path: ['levels'], message: 'expected items weighing count in all (an item of level h weighs 2^h)' });

const numbersSchema = z
  .object({
    /** Finite numbers. */
    count,
    /** null when the moments overflow a double (values near ±1.8e308): what needs them is then not tested, as in exact mode. */
    mean: z.number().nullable(),
    /** Sum of squared deviations from the mean (Chan et al.'s M2); null as for mean. */
    m2: z.number().nonnegative().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    /** Every distinct number with its count, ascending, while there are at most category_cap; else null. */
    distinct_values: z.array(z.tuple([z.number(), count.positive()])).nullable(),
    /** The KLL sketch of the numbers once distinct_values is null. */
    kll: kllStateSchema.nullable(),
  })
  .strict();

const textsSchema = z
  .object({
    /** Text values (categories), kept and pooled. */
    count,
    /** Kept categories with their counts, by text: the category_cap with the smallest 64-bit hash. */
    categories: z.array(z.tuple([z.string(), count.positive()])),
    /** Values of the categories not kept, in one count. */
    pooled: count,
  })
  .strict();

const columnProfileSchema = z
  .object({
    name: z.string(),
    categorical_by_config: z.boolean(),
    /** A value was text (or the config names it categorical): the column is categorical. */
    held_text: z.boolean(),
    /** Cells, nulls included: nulls + nan + infinite + numbers.count + texts.count. */
    rows: count,
    nulls: count,
    nan: count,
    /** +inf and -inf. */
    infinite: count,
    numbers: numbersSchema,
    texts: textsSchema,
    distinct: z
      .object({
        estimate: count,
        /** True while every distinct value is held (then hll is null: it follows from them). */
        exact: z.boolean(),
        /** HyperLogLog registers (4096 bytes, base64). */
        hll: base64.refine((text) => base64Length(text) === 1 << HyperLogLog.precision, `expected ${1 << HyperLogLog.precision} registers of one byte`).nullable(),
      })
      .strict(),
  })
  .strict()
  .superRefine((column, context) => {
    const problem = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
    const { numbers, texts } = column;
    if (column.rows !== column.nulls + column.nan + column.infinite + numbers.count + texts.count) problem(['rows'], 'expected nulls + nan + infinite + numbers.count + texts.count');
    if (numbers.count > 0 && (numbers.distinct_values === null) === (numbers.kll === null)) problem(['numbers'], 'expected exactly one of distinct_values and kll');
    if (numbers.distinct_values !== null) {
      const values = numbers.distinct_values;
      if (values.reduce((sum, [, n]) => sum + n, 0) !== numbers.count) problem(['numbers', 'distinct_values'], 'the counts must add up to numbers.count');
      if (values.some(([value], i) => !Number.isFinite(value) || (i > 0 && value <= values[i - 1]![0]))) problem(['numbers', 'distinct_values'], 'expected finite numbers in ascending order, each once');
    }
    if (numbers.kll !== null && numbers.kll.count !== numbers.count) problem(['numbers', 'kll', 'count'], 'expected numbers.count');
    if (numbers.count > 0 && (numbers.min === null || numbers.max === null || numbers.min > numbers.max)) problem(['numbers'], 'expected min <= max');
    if (texts.categories.reduce((sum, [, n]) => sum + n, 0) + texts.pooled !== texts.count) problem(['texts', 'count'], 'expected the categories and pooled to add up to it');
    if (texts.categories.some(([text], i) => i > 0 && text <= texts.categories[i - 1]![0])) problem(['texts', 'categories'], 'expected categories in ascending order, each once');
    if (column.held_text !== (column.categorical_by_config || texts.count > 0)) problem(['held_text'], 'expected true exactly when texts.count > 0 or categorical_by_config');
    const complete = numbers.kll === null && texts.pooled === 0;
    if (column.distinct.exact !== complete || (column.distinct.hll === null) !== complete) problem(['distinct'], 'expected exact and no hll exactly when every distinct value is held');
  });

export const profileSchema = z
  .object({
    schema: z.literal(PROFILE_SCHEMA),
    /** KLL parameter of every column's sketch; profiles merge only with the same k. */
    kll_k: z.number().int().min(8).max(65_535),
    /** Distinct numbers and text categories kept per column. */
    category_cap: z.number().int().positive(),
    /** CSV tokens read as null besides an empty field. */
    null_values: z.array(z.string()),
    /** Data rows profiled, every file. */
    rows: count,
    /** The files profiled: the first 100 by name, and how many in all. */
    sources: z.object({ files: z.array(z.string()), total: count }).strict(),
    columns: z.array(columnProfileSchema),
  })
  .strict()
  .superRefine((profile, context) => {
    profile.columns.forEach((column, i) => {
      if (column.numbers.kll !== null && column.numbers.kll.k !== profile.kll_k) context.addIssue({ code: 'custom', path: ['columns', i, 'numbers', 'kll', 'k'], message: `expected kll_k (${profile.kll_k})` });
      if (column.texts.categories.length > profile.category_cap) context.addIssue({ code: 'custom', path: ['columns', i, 'texts', 'categories'], message: `more than category_cap (${profile.category_cap}) categories` });
      if (column.numbers.distinct_values !== null && column.numbers.distinct_values.length > profile.category_cap) context.addIssue({ code: 'custom', path: ['columns', i, 'numbers', 'distinct_values'], message: `more than category_cap (${profile.category_cap}) values` });
      if (column.rows > profile.rows) context.addIssue({ code: 'custom', path: ['columns', i, 'rows'], message: 'more than the profile\'s rows' });
    });
    const names = new Set<string>();
    profile.columns.forEach((column, i) => {
      if (names.has(column.name)) context.addIssue({ code: 'custom', path: ['columns', i, 'name'], message: `column ${JSON.stringify(column.name)} twice` });
      names.add(column.name);
    });
  });

export type ProfileState = z.infer<typeof profileSchema>;
export type ColumnProfileState = z.infer<typeof columnProfileSchema>;
