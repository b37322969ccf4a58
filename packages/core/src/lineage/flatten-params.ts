import { InputError } from '../errors.ts';

/** A flattened parameter value: what a params diff can compare. */
export type ParamValue = string | number | boolean | null;

/**
 * Flatten a parsed params document (YAML or JSON) to dotted keys, as DVC does:
 * `{ model: { depth: 3 }, layers: [64, 32] }` -> `{ "model.depth": 3, "layers.0": 64, "layers.1": 32 }`.
 * Keys come out in document order. Non-finite numbers (YAML `.nan`, `.inf`) become strings because
 * JSON cannot hold them. Empty objects and lists leave no key.
 */
export function flattenParams(document: unknown, source: string): Record<string, ParamValue> {
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError(`${source}: params must be a mapping of names to values, got ${Array.isArray(document) ? 'a list' : typeof document}`);
  }
  const flat: Record<string, ParamValue> = {};
  const visit = (value: unknown, key: string): void => {
    if (value === null || value === undefined) flat[key] = null;
    else if (typeof value === 'number') flat[key] = Number.isFinite(value) ? value : String(value);
    else if (typeof value === 'string' || typeof value === 'boolean') flat[key] = value;
    else if (typeof value === 'bigint') flat[key] = Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    else if (value instanceof Date) flat[key] = value.toISOString();
    else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${key}.${index}`));
    else if (typeof value === 'object') for (const [child, item] of Object.entries(value)) visit(item, key === '' ? child : `${key}.${child}`);
    else flat[key] = String(value);
  };
  visit(document, '');
  return flat;
}

/** Numeric leaves of a metrics document, flattened; a document with a `metrics` object (evaluate's output) uses that. */
export function numericMetrics(document: unknown, source: string): Record<string, number> {
  const inner = document !== null && typeof document === 'object' && !Array.isArray(document) && 'metrics' in document ? (document as { metrics: unknown }).metrics : document;
  const numbers: Record<string, number> = {};
  for (const [name, value] of Object.entries(flattenParams(inner, source))) {
    if (typeof value === 'number') numbers[name] = value;
  }
  return numbers;
}
