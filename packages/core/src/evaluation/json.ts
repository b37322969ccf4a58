/**
 * Pretty JSON for the evaluate and compare files, as JSON.stringify(value, null, 2) writes it except
 * that arrays of numbers (intervals, confusion matrix rows) stay on one line so a person can read
 * the file. Written as a serializer, not a rewrite of the text, so string values are never touched.
 */
export function formatResultJson(value: unknown): string {
  return `${format(value, '') ?? 'null'}\n`;
}

function format(value: unknown, indent: string): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item === 'number')) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    // As JSON.stringify: an item with no JSON form (undefined, a function) is null in an array.
    return `[\n${value.map((item) => `${inner}${format(item, inner) ?? 'null'}`).join(',\n')}\n${indent}]`;
  }
  const members: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const text = format(item, inner);
    if (text !== undefined) members.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${indent}}`;
}
