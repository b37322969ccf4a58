import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, configSchema, parseWith } from '@modelgate/core';
import { readDocument } from '../files/read-document.ts';

export const defaultConfigNames = ['modelgate.yml', 'modelgate.yaml'];

/**
 * Load `modelgate.yml`. With no path, the file in `cwd` is used when present, else the defaults.
 * An explicitly named file must exist. Unknown keys and wrong types are errors naming the path.
 */
export async function loadConfig(path: string | undefined, cwd = process.cwd()): Promise<{ config: Config; source: string | null }> {
  const chosen = path ?? defaultConfigNames.map((name) => join(cwd, name)).find((candidate) => existsSync(candidate));
  if (!chosen) return { config: configSchema.parse({}), source: null };
  const text = await readDocument(chosen, 'config file').catch((error: unknown) => {
    // An empty config file means "all defaults", not an error.
    if (error instanceof Error && /config file is empty$/.test(error.message)) return {};
    throw error;
  });
  return { config: parseWith(configSchema, text ?? {}, chosen), source: chosen };
}
