// The side files of a report: run.json (what changed), a validation report and a drift report
// (data quality) and history.jsonl (trend). A side file that is missing where the user named it is an InputError; one
// that is malformed or of another schema version is a `problem`: one warning naming the file, and
// the report is written without that section (a side section never fails a PR).
import {
  type DataDrift,
  type DataQuality,
  type HistoryEntry,
  InputError,
  type RunRecord,
  dataDriftFrom,
  dataQualityFrom,
  driftReportSchema,
  errorMessage,
  oneLine,
  parseHistory,
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

/** The output of `modelgate validate` or actions/validate-data (one report or `{passed, reports}`), summarised. */
function parseValidationText(text: string, source: string): SideFile<DataQuality> {
  return parsed(source, () => dataQualityFrom(parseWith(validationFileSchema, parseJsonText(text, source), source), source));
}

/** The output of `modelgate drift`, summarised. */
function parseDriftText(text: string, source: string): SideFile<DataDrift> {
  return parsed(source, () => dataDriftFrom(parseWith(driftReportSchema, parseJsonText(text, source), source), source));
}

/** history.jsonl (schema modelgate.history/v1 on every line). */
export function parseHistoryText(text: string, source: string): SideFile<HistoryEntry[]> {
  const result = parseHistory(text, source);
  return 'problem' in result ? result : { value: result.entries, source };
}

/** Side files as the user named them (unset or empty: not given). */
export interface SideFilePaths {
  headRun?: string;
  baseRun?: string;
  history?: string;
  validation?: string;
  drift?: string;
}

/** The named side files, read; validation and drift reports summarised for the report. */
export interface SideFiles {
  headRun?: SideFile<RunRecord>;
  baseRun?: SideFile<RunRecord>;
  history?: SideFile<HistoryEntry[]>;
  dataQuality?: SideFile<DataQuality>;
  dataDrift?: SideFile<DataDrift>;
}

/**
 * Read the named side files at once. `at` maps a path as named to the file to read; messages name
 * it as named. Missing is an InputError (one line, exit 2); malformed is a `problem` (see sideValue).
 */
export async function loadSideFiles(paths: SideFilePaths, at: (path: string) => string): Promise<SideFiles> {
  const load = <T>(path: string | undefined, what: string, parse: (text: string, source: string) => SideFile<T>) => (path ? loadSideFile(at(path), path, what, parse) : undefined);
  const [headRun, baseRun, history, dataQuality, dataDrift] = await Promise.all([
    load(paths.headRun, 'run.json', parseRunRecordText),
    load(paths.baseRun, 'run.json', parseRunRecordText),
    load(paths.history, 'history file', parseHistoryText),
    load(paths.validation, 'validation report', parseValidationText),
    load(paths.drift, 'drift report', parseDriftText),
  ]);
  return { headRun, baseRun, history, dataQuality, dataDrift };
}

/** Read one side file: missing is an InputError naming it as `shown`, malformed a problem. */
async function loadSideFile<T>(path: string, shown: string, what: string, parse: (text: string, source: string) => SideFile<T>): Promise<SideFile<T>> {
  const text = await readTextFile(path, what).catch((error: unknown) => {
    throw error instanceof InputError ? new InputError(error.message.replace(path, shown)) : error;
  });
  return parse(text, shown);
}

/** The report section a side file feeds, as its warning names it. */
export type SideSection = 'what changed' | 'trend' | 'data quality' | 'data drift';

/** A side file's value; a malformed one is `warn`ed as "SECTION left out: PROBLEM" and gives undefined. */
export function sideValue<T>(file: SideFile<T> | undefined, section: SideSection, warn: (problem: string) => void): T | undefined {
  if (file === undefined) return undefined;
  if ('value' in file) return file.value;
  warn(`${section} left out: ${file.problem}`);
  return undefined;
}
