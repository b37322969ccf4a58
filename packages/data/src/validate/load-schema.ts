import { parseValidationSchema, type ValidationSchema } from '@modelgate/core';
import { readDocument } from '../files/read-document.ts';

/** Read a validation schema (YAML or JSON); every problem is one InputError naming the file and key. */
export async function loadValidationSchema(path: string): Promise<ValidationSchema> {
  return parseValidationSchema(await readDocument(path, 'schema file'), path);
}
