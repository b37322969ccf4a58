export { loadValidationSchema } from './load-schema.ts';
export { validateFile, type ValidateOptions } from './validate-table.ts';
export { isCsvRangeWorker, runCsvRangeJob } from './csv-range-job.ts';
