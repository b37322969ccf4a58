// "What changed" in the report: params, data, model and training cost, from the base and head
// run.json of `modelgate train`. Params as `dvc params diff` lists them (name, base, head).
import { markdownTable } from 'markdown-table';
import type { ParamValue } from '../lineage/flatten-params.ts';
import type { DataChange, RunDiff } from '../lineage/run-diff.ts';
import { codeSpan, escapeMarkdown } from './escape.ts';
import { formatBytes, formatDuration } from './format.ts';

/** One line for the top of the section: counts, not details. */
export function whatChangedLine(diff: RunDiff): string {
  const parts: string[] = [];
  const byKind = (change: 'added' | 'removed' | 'changed') => diff.params.filter((p) => p.change === change).length;
  const paramParts = (['changed', 'added', 'removed'] as const).filter((k) => byKind(k) > 0).map((k) => `${byKind(k)} ${k}`);
  parts.push(paramParts.length > 0 ? `params: ${paramParts.join(', ')}` : 'params unchanged');
  parts.push(diff.data.length > 0 ? `data: ${diff.data.length} ${diff.data.length === 1 ? 'input' : 'inputs'} changed` : 'data unchanged');
  const { base, head } = diff.model;
  if (base && head) parts.push(base.digest === head.digest ? 'model identical' : `model ${formatBytes(base.bytes)} → ${formatBytes(head.bytes)}`);
  parts.push(`training ${formatDuration(diff.durationMs.base)} → ${formatDuration(diff.durationMs.head)}`);
  return parts.join(' · ');
}

function paramText(value: ParamValue | undefined): string {
  return value === undefined ? '—' : codeSpan(JSON.stringify(value));
}

/** Params that differ, `maxRows` at most (the job summary has them all). */
export function paramsTable(diff: RunDiff, maxRows = Infinity): string | undefined {
  if (diff.params.length === 0) return undefined;
  const shown = diff.params.slice(0, maxRows);
  const file = diff.paramsFile.head ?? diff.paramsFile.base;
  const rows = shown.map((p) => [escapeMarkdown(p.name), paramText(p.base), paramText(p.head), p.change]);
  const more = diff.params.length - shown.length;
  return [
    `**Params**${file ? ` (${escapeMarkdown(file)})` : ''}`,
    '',
    markdownTable([['Param', 'Base', 'Head', 'Change'], ...rows], { alignDelimiters: false }),
    ...(more > 0 ? ['', `_${more} more params differ; the job summary lists them all._`] : []),
  ].join('\n');
}

function dataSide(side: DataChange['base']): string {
  if (!side) return '—';
  return `${formatBytes(side.bytes)}, ${side.files} ${side.files === 1 ? 'file' : 'files'}, ${codeSpan(side.sha256.slice(0, 12))}`;
}

/** Data inputs whose digest changed (or that one run alone declared), `maxRows` at most. */
export function dataTable(diff: RunDiff, maxRows = Infinity): string | undefined {
  if (diff.data.length === 0) return undefined;
  const shown = diff.data.slice(0, maxRows);
  const rows = shown.map((d) => [escapeMarkdown(d.path), dataSide(d.base), dataSide(d.head)]);
  const more = diff.data.length - shown.length;
  return [
    `**Data** (inputs whose sha256 changed${diff.unchangedData > 0 ? `; ${diff.unchangedData} unchanged` : ''})`,
    '',
    markdownTable([['Path', 'Base', 'Head'], ...rows], { alignDelimiters: false }),
    ...(more > 0 ? ['', `_${more} more data inputs changed; the job summary lists them all._`] : []),
  ].join('\n');
}

/** Model digest and size, training time, peak memory and the two commits. */
export function trainingTable(diff: RunDiff): string {
  const model = (side: RunDiff['model']['base']) => (side ? `${codeSpan(side.digest.replace(/^sha256:/, '').slice(0, 12))}, ${formatBytes(side.bytes)}, ${side.files} files` : 'not packaged');
  const memory = (bytes: number | null) => (bytes === null ? 'not measured' : formatBytes(bytes));
  const commit = (sha: string | null) => (sha ? codeSpan(sha.slice(0, 12)) : 'unknown');
  const rows = [
    ['Model (sha256, size)', model(diff.model.base), model(diff.model.head)],
    ['Training time', formatDuration(diff.durationMs.base), formatDuration(diff.durationMs.head)],
    ['Peak memory (sampled)', memory(diff.peakMemoryBytes.base), memory(diff.peakMemoryBytes.head)],
    ['Commit', commit(diff.commit.base), commit(diff.commit.head)],
  ];
  if (diff.status.base !== 'succeeded' || diff.status.head !== 'succeeded') rows.push(['Run status', diff.status.base, diff.status.head]);
  return markdownTable([['', 'Base', 'Head'], ...rows], { alignDelimiters: false });
}
