import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError, errorMessage, oneLine } from '@modelgate/core';
import { parseDocument } from 'yaml';

/**
 * Read a whole text file; a missing or unreadable file becomes one InputError line naming it as
 * `shown` (by default its path; a caller may name it as the user typed it).
 */
export async function readTextFile(path: string, what = 'file', shown = path): Promise<string> {
  const text = await readTextFileIfPresent(path, what, shown);
  if (text === null) throw new InputError(`${shown}: ${what} not found`);
  return text;
}

/** readTextFile, but null for a file that does not exist (one read, no stat before it). */
export async function readTextFileIfPresent(path: string, what = 'file', shown = path): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') throw new InputError(`${shown}: expected a ${what}, found a directory`);
    if (code === 'EACCES') throw new InputError(`${shown}: permission denied`);
    throw new InputError(`${shown}: cannot read ${what}: ${oneLine(errorMessage(error))}`);
  }
}

/** Parse JSON text, naming the file, line and column of a syntax error. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(stripBom(text));
  } catch (error) {
    const message = oneLine(errorMessage(error));
    const position = /position (\d+)/.exec(message);
    const at = position ? ` at ${lineColumn(text, Number(position[1]))}` : '';
    throw new InputError(`${source}: malformed JSON${at}: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

/** Parse YAML text (one document), naming the file and line of the first error. */
export function parseYamlText(text: string, source: string): unknown {
  const document = parseDocument(stripBom(text), { prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0];
    const at = line ? ` at line ${line.line}, column ${line.col}` : '';
    const first = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(`${source}: malformed YAML${at}: ${oneLine(first)}`);
  }
  return document.toJS({ maxAliasCount: 100 });
}

/** Read a JSON or YAML file, choosing the parser by extension (JSON is tried first otherwise). */
export async function readDocument(path: string, what = 'file'): Promise<unknown> {
  return parseDocumentText(await readTextFile(path, what), path, what);
}

/** readDocument, but null for a file that does not exist. */
export async function readDocumentIfPresent(path: string, what = 'file'): Promise<unknown> {
  const text = await readTextFileIfPresent(path, what);
  return text === null ? null : parseDocumentText(text, path, what);
}

function parseDocumentText(text: string, path: string, what: string): unknown {
  if (text.trim() === '') throw new InputError(`${path}: ${what} is empty`);
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return parseJsonText(text, path);
  return parseYamlText(text, path); // YAML 1.2 is a superset of JSON
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
