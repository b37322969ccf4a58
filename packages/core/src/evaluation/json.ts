const NUMBER_ARRAY = /\[\s*((?:-?\d[\d.eE+-]*|null)(?:,\s*(?:-?\d[\d.eE+-]*|null))*)\s*\]/g;

/**
 * Pretty JSON for the evaluate and compare files, with arrays of numbers (intervals, confusion
 * matrix rows) kept on one line so a person can read the file.
 */
export function formatResultJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(NUMBER_ARRAY, (_, items: string) => `[${items.split(/,\s*/).join(', ')}]`)}\n`;
}
