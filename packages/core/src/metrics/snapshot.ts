/**
 * A metrics file, reduced to what can be compared: finite numbers under dotted names, the leaves
 * that are not numbers (listed, never compared), the values that look numeric but are not finite
 * (NaN, Infinity: reported, never compared) and optional confidence intervals.
 */
export interface MetricsSnapshot {
  values: Map<string, number>;
  skipped: SkippedLeaf[];
  invalid: InvalidValue[];
  intervals: Map<string, readonly [number, number]>;
  /** Number of evaluation rows, when the file is an `evaluate` output. */
  rows?: number;
  /** Metrics of `evaluate --slice-by` slices, by their name in `values` (see sliceMetricName). */
  slices: Map<string, SliceMetric>;
  /** An `evaluate` output's curves, confusion matrix and per-class values (drawn, never compared). */
  details?: EvaluationDetails;
}

/** A metric computed on the rows of one slice (rows where `column` equals `value`). */
export interface SliceMetric {
  column: string;
  value: string;
  metric: string;
  /** Rows in the slice. */
  rows: number;
}

/**
 * The name a slice's metric is compared and gated under: `recall[country=FR]`. Brackets keep the
 * slice apart from DVC-style dotted names, and a gate rule can cover every slice with
 * `recall[country=*]`.
 */
export function sliceMetricName(metric: string, column: string, value: string): string {
  return `${metric}[${column}=${value}]`;
}

export interface SkippedLeaf {
  name: string;
  /** What the leaf was: "string", "boolean", "null", "empty list", ... */
  kind: string;
  /** A string leaf's text, so a report can show that it changed (as `dvc metrics diff` does). */
  text?: string;
}

export interface InvalidValue {
  name: string;
  /** The value as written in the file: "NaN", "Infinity", "nan", ... */
  raw: string;
}

import { InputError } from '../errors.ts';
import { type EvaluationDetails, evaluationDetails } from '../review/evaluation-details.ts';

const nonFiniteTokens = /^[+-]?(nan|inf|infinity)$/i;

/**
 * Flatten a parsed metrics document (JSON, YAML, or a CSV's name -> value rows) the way DVC does:
 * nested objects become dotted names (`eval.test.auc`), list items their index (`per_class.0`).
 * The output of `modelgate evaluate` (`{ metrics, intervals, rows, ... }`) is recognised and only its
 * `metrics` are compared; a top-level `intervals: {name: [lo, hi]}` is read in any file.
 */
export function snapshotFromDocument(document: unknown): MetricsSnapshot {
  const snapshot: MetricsSnapshot = { values: new Map(), skipped: [], invalid: [], intervals: new Map(), slices: new Map() };
  if (!isPlainObject(document)) {
    snapshot.skipped.push({ name: '(file)', kind: describeKind(document) });
    return snapshot;
  }
  const { intervals, ...rest } = document;
  let metricsRoot: Record<string, unknown> = rest;
  const evaluateOutput = isEvaluateOutput(document);
  if (evaluateOutput) {
    metricsRoot = document.metrics as Record<string, unknown>;
    if (typeof document.rows === 'number') snapshot.rows = document.rows;
  }
  flattenInto(snapshot, metricsRoot, '');
  if (intervals !== undefined) readIntervals(snapshot, intervals);
  if (evaluateOutput && typeof document.slice_by === 'string' && isPlainObject(document.slices)) readSlices(snapshot, document.slice_by, document.slices);
  if (evaluateOutput) {
    const { details, problems } = evaluationDetails(document);
    snapshot.details = details;
    for (const key of problems) snapshot.skipped.push({ name: key, kind: 'malformed (not drawn)' });
  }
  return snapshot;
}

/** `evaluate --slice-by` output: each slice's metrics (and intervals) under sliceMetricName. */
function readSlices(snapshot: MetricsSnapshot, column: string, slices: Record<string, unknown>): void {
  for (const [value, slice] of Object.entries(slices)) {
    if (!isPlainObject(slice) || !isPlainObject(slice.metrics)) {
      snapshot.skipped.push({ name: `slices.${value}`, kind: `${describeKind(slice)} (expected {rows, metrics})` });
      continue;
    }
    const rows = typeof slice.rows === 'number' ? slice.rows : 0;
    for (const [metric, number] of Object.entries(slice.metrics)) {
      const name = sliceMetricName(metric, column, value);
      flattenInto(snapshot, number, name);
      if (snapshot.values.has(name)) snapshot.slices.set(name, { column, value, metric, rows });
    }
    if (slice.intervals !== undefined) readIntervals(snapshot, slice.intervals, (metric) => sliceMetricName(metric, column, value));
  }
}

// `evaluate` writes { metrics: {...}, rows: N, intervals?, slices?, ... }; a user's own file that
// merely has a "metrics" key holding numbers next to other numbers is flattened as usual.
function isEvaluateOutput(document: Record<string, unknown>): boolean {
  return isPlainObject(document.metrics) && (typeof document.rows === 'number' || document.intervals !== undefined || typeof document.task === 'string');
}

function flattenInto(snapshot: MetricsSnapshot, node: unknown, name: string): void {
  if (typeof node === 'number') {
    // `{"a": {"b": 1}, "a.b": 2}` flattens to one name twice: refuse rather than hide a value.
    if (snapshot.values.has(name) || snapshot.invalid.some((v) => v.name === name)) {
      throw new InputError(`metric "${name}" appears twice after flattening nested keys; rename one of them`);
    }
    if (Number.isFinite(node)) snapshot.values.set(name, node);
    else snapshot.invalid.push({ name, raw: String(node) });
    return;
  }
  if (typeof node === 'string') {
    if (nonFiniteTokens.test(node.trim())) snapshot.invalid.push({ name, raw: node });
    else snapshot.skipped.push({ name, kind: 'string', text: node });
    return;
  }
  if (Array.isArray(node)) {
    if (node.length === 0) snapshot.skipped.push({ name, kind: 'empty list' });
    node.forEach((item, index) => flattenInto(snapshot, item, join(name, String(index))));
    return;
  }
  if (isPlainObject(node)) {
    const entries = Object.entries(node);
    if (entries.length === 0 && name !== '') snapshot.skipped.push({ name, kind: 'empty object' });
    for (const [key, value] of entries) flattenInto(snapshot, value, join(name, key));
    return;
  }
  snapshot.skipped.push({ name: name || '(file)', kind: describeKind(node) });
}

/** `intervals: {name: [lo, hi]}`; `nameOf` maps a key to the metric name it belongs to. */
function readIntervals(snapshot: MetricsSnapshot, intervals: unknown, nameOf = (key: string) => key): void {
  if (!isPlainObject(intervals)) {
    snapshot.skipped.push({ name: nameOf('intervals'), kind: `${describeKind(intervals)} (expected name: [lo, hi])` });
    return;
  }
  for (const [key, value] of Object.entries(intervals)) {
    if (value === null) continue; // evaluate writes null for an interval that is undefined
    const valid = Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v)) && value[0] <= value[1];
    if (valid) snapshot.intervals.set(nameOf(key), [value[0], value[1]]);
    else snapshot.skipped.push({ name: `intervals.${nameOf(key)}`, kind: 'malformed interval (expected [lo, hi] with lo <= hi)' });
  }
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
