import { flattenParams, type ParamValue } from '@modelgate/core';
import { readDocument } from '@modelgate/data';

/** Read a params file (YAML or JSON, by extension) and flatten it to dotted keys. */
export async function readParams(path: string): Promise<Record<string, ParamValue>> {
  return flattenParams(await readDocument(path, 'params file'), path);
}
