import type { z } from 'zod';
import { InputError } from './errors.ts';
import { nearest } from './nearest.ts';

type Issue = z.core.$ZodIssue;

/** Problems spelled out in the one error line; a second typo should not hide behind the first. */
const PROBLEMS_SHOWN = 3;

/** How a problem's place is written: `gate.rules.accuracy.min: ` by default, `input "seed": ` for action inputs. */
export type PlaceLabel = (path: string) => string;
const dottedPlace: PlaceLabel = (path) => `${path}: `;

/**
 * Parse external data with a zod schema at the boundary. On failure throws one InputError line:
 * `SOURCE: PATH: what was expected`, up to three problems separated by `; ` (plus how many more
 * there are), e.g. `modelgate.yml: gate.rules.accuracy.min: expected number, got string "high"`.
 * Without a source (action inputs, whose place says it all) the line starts at the first problem.
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, source: string | null, place: PlaceLabel = dottedPlace): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shown = issues.slice(0, PROBLEMS_SHOWN).map((issue) => describeIssue(issue, schema, value, place));
  const hidden = issues.length - shown.length;
  const more = hidden > 0 ? ` (and ${hidden} more problem${hidden > 1 ? 's' : ''})` : '';
  throw new InputError(`${source === null ? '' : `${source}: `}${shown.join('; ')}${more}`);
}

/** Dotted path as a person reads it: `gate.rules.accuracy.min`, `columns[2].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeIssue(issue: Issue, schema: z.ZodType, root: unknown, place: PlaceLabel): string {
  const where = issue.path.length > 0 ? place(formatPath(issue.path)) : '';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = objectKeysAt(schema, issue.path);
      return issue.keys
        .map((key) => {
          const at = formatPath([...issue.path, key]);
          const suggestion = known ? nearest(key, known) : undefined;
          const hint = suggestion ? ` (did you mean "${suggestion}"?)` : known ? ` (expected one of: ${known.join(', ')})` : '';
          return `${at}: unknown key "${key}"${hint}`;
        })
        .join('; ');
    }
    case 'invalid_type': {
      const actual = valueAt(root, issue.path);
      if (actual === undefined) return `${where}required ${issue.expected} is missing`;
      return `${where}expected ${issue.expected}, got ${describeValue(actual)}`;
    }
    default:
      return `${where}${issue.message.replace(/^Invalid input: /, '')}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

// Walks zod's internal definitions to list the keys an object accepts at `path`, so an unknown
// key can be answered with the nearest valid one. Returns undefined when the shape is not plain.
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let node: any = schema;
  const unwrap = (n: any): any => {
    for (let guard = 0; guard < 20 && n; guard++) {
      const def = n._zod?.def;
      if (!def) return n;
      if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault' || def.type === 'catch' || def.type === 'readonly') n = def.innerType;
      else if (def.type === 'pipe') n = def.in;
      else if (def.type === 'lazy') n = def.getter();
      else if (def.type === 'union') {
        // `x: warn | {check: warn}`: an unknown key can only be in the union's one object form.
        const objects = (def.options as any[]).map(unwrap).filter((option) => option?._zod?.def?.type === 'object');
        if (objects.length !== 1) return n;
        n = objects[0];
      } else return n;
    }
    return n;
  };
  node = unwrap(node);
  for (const key of path) {
    const def = node?._zod?.def;
    if (!def) return undefined;
    if (def.type === 'object') node = def.shape[key as string];
    else if (def.type === 'record') node = def.valueType;
    else if (def.type === 'array') node = def.element;
    else return undefined;
    node = unwrap(node);
  }
  const def = node?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape) : undefined;
}
