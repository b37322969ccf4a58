import { basename, extname } from 'node:path';
import { InputError, type MetricsSnapshot, errorMessage, oneLine, snapshotFromDocument } from '@modelgate/core';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseJsonText, parseYamlText, readTextFile } from '../files/read-document.ts';

export type MetricsFormat = 'json' | 'yaml' | 'csv';

const numberLiteral = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The format of a metrics file from its name: .json, .yaml/.yml, .csv/.tsv; anything else is read as YAML (a superset of JSON). */
export function metricsFormatOf(path: string): MetricsFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  return 'yaml';
}

/** Read and flatten a metrics file (JSON, YAML, or CSV `name,value` rows). */
export async function loadMetricsFile(path: string): Promise<MetricsSnapshot> {
  return parseMetricsText(await readTextFile(path, 'metrics file'), path);
}

/**
 * Parse metrics text whose origin is `source` (a path, or "base commit:path" for a baseline
 * fetched from GitHub). Errors name the source and the line. `path` names a bare-number file's metric.
 */
export function parseMetricsText(text: string, source: string, format: MetricsFormat = metricsFormatOf(source), path = source): MetricsSnapshot {
  if (text.trim() === '') throw new InputError(`${source}: metrics file is empty`);
  const parsed = parseMetricsDocument(text, source, format);
  // A file holding a bare number (`0.93`) is one metric named after the file (`auc.json` -> auc).
  const document = typeof parsed === 'number' ? { [basename(path).replace(/\.[^.]*$/, '') || 'value']: parsed } : parsed;
  return snapshotNamed(document, source);
}

/** The metrics snapshot of a parsed document; an InputError names `source`. */
export function snapshotNamed(document: unknown, source: string): MetricsSnapshot {
  try {
    return snapshotFromDocument(document);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${source}: ${error.message}`);
    throw error;
  }
}

function parseMetricsDocument(text: string, source: string, format: MetricsFormat): unknown {
  if (format === 'csv') return csvToDocument(text, source, extname(source).toLowerCase() === '.tsv' ? '\t' : ',');
  if (format === 'yaml') return parseYamlText(text, source);
  try {
    return parseJsonText(text, source);
  } catch (error) {
    // Python's json.dump writes bare NaN / Infinity, which JSON.parse rejects; YAML reads them as
    // strings, which the snapshot then reports as invalid values instead of failing the whole file.
    if (/(^|[\s:,[])-?(NaN|Infinity)\s*[,}\]]/.test(text)) return parseYamlText(text, source);
    throw error;
  }
}

// CSV metrics: `name,value` rows, with or without a header row.
function csvToDocument(text: string, source: string, delimiter: string): Record<string, unknown> {
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new InputError(`${source}: malformed CSV: ${oneLine(errorMessage(error))}`);
  }
  const document: Record<string, unknown> = {};
  rows.forEach((row, index) => {
    const line = index + 1;
    if (row.length !== 2) throw new InputError(`${source}: row ${line}: expected 2 columns (name,value), found ${row.length}`);
    const [name, raw] = row as [string, string];
    if (index === 0 && /^(name|metric|key)$/i.test(name) && Number.isNaN(Number(raw))) return; // header
    if (name === '') throw new InputError(`${source}: row ${line}: empty metric name`);
    if (name in document) throw new InputError(`${source}: row ${line}: metric "${name}" appears twice`);
    // Numeric text becomes a number, even one that overflows to Infinity (then reported invalid).
    document[name] = numberLiteral.test(raw) ? Number(raw) : raw;
  });
  return document;
}
