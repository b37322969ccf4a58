import { z } from 'zod';
import { severities } from './schema.ts';

const exampleSchema = z.looseObject({ row: z.number().int(), value: z.union([z.string(), z.number(), z.boolean(), z.null()]), line: z.number().int().optional() });

/** One check of a validation report as `modelgate validate` writes it (see report.ts). */
export const checkResultSchema = z.looseObject({
  column: z.string().nullable(),
  check: z.string(),
  severity: z.enum(severities),
  passed: z.boolean(),
  failed: z.number().nonnegative(),
  failed_share: z.number().min(0).max(1),
  examples: z.array(exampleSchema),
  message: z.string(),
});

/** The JSON report of `modelgate validate` for one file. */
export const validationReportSchema = z.looseObject({
  passed: z.boolean(),
  rows: z.number().int().nonnegative(),
  columns: z.array(z.string()),
  checks: z.array(checkResultSchema),
  source: z.looseObject({ path: z.string(), format: z.string() }).optional(),
});

/** What `modelgate validate` and actions/validate-data write: one report, or `{passed, reports}` for several files. */
export const validationFileSchema = z.union([validationReportSchema, z.strictObject({ passed: z.boolean(), reports: z.array(validationReportSchema) })]);
export type ValidationFile = z.infer<typeof validationFileSchema>;
