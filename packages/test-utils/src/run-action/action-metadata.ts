// What the runner reads from action.yml before starting a JavaScript action: the entry file and
// the inputs, whose defaults may be expressions such as `${{ github.token }}`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionMetadata {
  name: string;
  using: string;
  /** Absolute path of `runs.main`. */
  main: string;
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: string[];
}

export function readActionMetadata(actionDir: string): ActionMetadata {
  const file = ['action.yml', 'action.yaml'].map((name) => join(actionDir, name)).find((path) => existsSync(path));
  if (!file) throw new Error(`no action.yml in ${actionDir}`);
  const document = parse(readFileSync(file, 'utf8')) as {
    name?: string;
    runs?: { using?: string; main?: string };
    inputs?: Record<string, { default?: unknown; required?: boolean } | null>;
    outputs?: Record<string, unknown>;
  };
  if (!document.runs?.main || !document.runs.using?.startsWith('node')) {
    throw new Error(`${file}: runAction runs JavaScript actions only (runs.using: node24, runs.main)`);
  }
  const inputs: ActionMetadata['inputs'] = {};
  for (const [name, spec] of Object.entries(document.inputs ?? {})) {
    inputs[name] = {
      ...(spec?.default !== undefined ? { default: String(spec.default) } : {}),
      ...(spec?.required !== undefined ? { required: spec.required } : {}),
    };
  }
  return {
    name: document.name ?? actionDir,
    using: document.runs.using,
    main: join(actionDir, document.runs.main),
    inputs,
    outputs: Object.keys(document.outputs ?? {}),
  };
}

/**
 * Evaluates the `${{ a.b.c }}` property lookups that appear in input defaults against `context`.
 * Anything beyond a property path is rejected rather than guessed at.
 */
export function resolveExpressions(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expression: string) => {
    if (!/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(expression)) {
      throw new Error(`runAction cannot evaluate the expression "\${{ ${expression} }}"; pass the input explicitly`);
    }
    let value: unknown = context;
    for (const key of expression.split('.')) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** `INPUT_` + the name upper-cased with spaces as `_` (hyphens kept), as the runner and @actions/core agree. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
