export { loadValidationSchema } from './load-schema.ts';
export { validateFile, type ValidateOptions } from './validate-table.ts';
export { isValidationWorker, runValidationWorker } from './worker-entry.ts';
