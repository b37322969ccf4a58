// The part of validation a reader or worker thread needs to observe rows and post its state:
// no schema parsing (zod) and no rendering. Each worker thread loads its own copy of every module
// it imports, so this entry (`@modelgate/core/validation/observe`) keeps a thread ~30 MB lighter
// than the package index.
export { InputError, errorMessage, oneLine } from '../errors.ts';
export { nearest } from '../nearest.ts';
export type { Cell as ValidationCell } from './cell.ts';
export { ColumnValidator, type ColumnSnapshot } from './column-validator.ts';
export type { ColumnRules, ValidationSchema } from './schema.ts';
export { CompoundUniqueness, planValidation, type ValidationPlan } from './table-validator.ts';
export { daysFromCivil, daysInMonth } from './values.ts';
