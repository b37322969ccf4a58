export type { Cell as ValidationCell } from './cell.ts';
export { ColumnValidator, type ColumnSnapshot } from './column-validator.ts';
export { Moments } from './moments.ts';
export { QuantileSketch } from './quantile-sketch.ts';
export { renderValidationMarkdown, renderValidationText, type ValidationTextOptions } from './render.ts';
export { checkResultSchema, validationFileSchema, validationReportSchema, type ValidationFile } from './report-schema.ts';
export { FailureTally, MAX_EXAMPLES, SortedExamples, failsOn, reportPassed, type CheckExample, type CheckResult, type ExampleValue, type LineSource, type ValidationReport } from './report.ts';
export {
  columnChecks,
  columnTypes,
  parseValidationSchema,
  tableChecks,
  validationSchemaFile,
  type ColumnCheckName,
  type ColumnRules,
  type ColumnRulesInput,
  type ColumnType,
  type Severity,
  type ValidationSchema,
  type ValidationSchemaInput,
} from './schema.ts';
export { CompoundUniqueness, finishValidation, planValidation, type ValidationPlan } from './table-validator.ts';
export { UniqueCounter, numberKey, stringKey, type UniqueSnapshot } from './unique-counter.ts';
export * from './values.ts';
export { formatCount } from './format.ts';
