// The side files of a report: run.json (what changed), a validation report and a drift report
// (data quality) and history.jsonl (trend). A side file that is missing where the user named it is an InputError; one
// that is malformed or of another schema version is a `problem`: one warning naming the file, and
// the report is written without that section (a side section never fails a PR).
import {
  type DriftReport,
  type HistoryEntry,
  InputError,
  type RunRecord,
  type ValidationFile,
  errorMessage,
  oneLine,
  parseHistory,
  driftReportSchema,
  parseWith,
  runRecordSchema,
  validationFileSchema,
} from '@modelgate/core';
import { parseJsonText, readTextFile } from '../files/read-document.ts';

export type SideFile<T> = { value: T; source: string } | { problem: string };

function parsed<T>(source: string, parse: () => T): SideFile<T> {
  try {
    return { value: parse(), source };
  } catch (error) {
    if (error instanceof InputError) return { problem: oneLine(error.message) };
    return { problem: `${source}: ${oneLine(errorMessage(error))}` };
  }
}

/** run.json of `modelgate train` (schema modelgate.run/v1). */
export function parseRunRecordText(text: string, source: string): SideFile<RunRecord> {
  return parsed(source, () => parseWith(runRecordSchema, parseJsonText(text, source), source));
}

/** The output of `modelgate validate` or actions/validate-data: one report or `{passed, reports}`. */
export function parseValidationText(text: string, source: string): SideFile<ValidationFile> {
  return parsed(source, () => parseWith(validationFileSchema, parseJsonText(text, source), source));
}

/** The output of `modelgate drift`. */
export function parseDriftText(text: string, source: string): SideFile<DriftReport> {
  return parsed(source, () => parseWith(driftReportSchema, parseJsonText(text, source), source));
}

/** history.jsonl (schema modelgate.history/v1 on every line). */
export function parseHistoryText(text: string, source: string): SideFile<HistoryEntry[]> {
  const result = parseHistory(text, source);
  return 'problem' in result ? result : { value: result.entries, source };
}

/** Read a side file the user named: missing is an InputError (one line, exit 2), malformed a problem. */
export async function loadSideFile<T>(path: string, shown: string, what: string, parse: (text: string, source: string) => SideFile<T>): Promise<SideFile<T>> {
  const text = await readTextFile(path, what).catch((error: unknown) => {
    throw error instanceof InputError ? new InputError(error.message.replace(path, shown)) : error;
  });
  return parse(text, shown);
}
