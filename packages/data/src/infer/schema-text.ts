import type { ValidationSchemaInput } from '@modelgate/core';
import { stringify } from 'yaml';

/** A schema as file text: JSON when `json`, otherwise YAML after the comment lines in `header`. */
export function schemaText(schema: ValidationSchemaInput, options: { json?: boolean; header?: string } = {}): string {
  if (options.json) return `${JSON.stringify(schema, null, 2)}\n`;
  const comment = options.header ? `${options.header.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n')}\n` : '';
  return `${comment}${stringify(schema, { lineWidth: 0 })}`;
}
