import { codeSpan as code, escapeMarkdown } from '../review/escape.ts';
import type { RunRecord } from './run-record.ts';

export interface UploadedArtifact {
  name: string;
  id: number;
}

/**
 * The job-summary section of a training run: status, duration, memory, commit, model digest and
 * artifact, then the data digests and params in a collapsed block. Every user-controlled string
 * (names, paths, params) is escaped; digests and hashes sit in code spans so they copy cleanly.
 */
export function renderRunSummary(record: RunRecord, artifact?: UploadedArtifact): string {
  const { lineage } = record;
  const seconds = (record.duration_ms / 1000).toFixed(1);
  const status =
    record.status === 'succeeded'
      ? `✅ succeeded in ${seconds} s`
      : record.status === 'killed'
        ? `❌ killed by ${record.signal} after ${seconds} s`
        : record.status === 'packaging_failed'
          ? `❌ the command succeeded in ${seconds} s but the model could not be packaged: ${escapeMarkdown(record.error ?? 'unknown error')}`
          : record.exit_code === null
            ? `❌ failed: ${escapeMarkdown(record.error ?? 'the command did not start')}`
            : `❌ failed with exit code ${record.exit_code} after ${seconds} s${record.error ? ` (${escapeMarkdown(record.error)})` : ''}`;
  const rows: [string, string][] = [
    ['Status', status],
    ['Command', code(lineage.command)],
    ['Peak memory', record.peak_memory_bytes === null ? 'not measured' : `${(record.peak_memory_bytes / 1024 / 1024).toFixed(0)} MiB (sampled)`],
    ['Commit', lineage.git.commit ? `${code(lineage.git.commit)}${lineage.git.branch ? ` on ${escapeMarkdown(lineage.git.branch)}` : ''}${lineage.git.dirty ? ' (with uncommitted changes)' : ''}` : 'unknown'],
    ['Runtime', [`Node ${lineage.runtime.node}`, lineage.runtime.python ? `Python ${lineage.runtime.python}` : '', escapeMarkdown(lineage.os.runner_os ?? lineage.os.platform), lineage.gpu.present ? `${lineage.gpu.devices.length} GPU` : 'no GPU'].filter(Boolean).join(', ')],
  ];
  if (record.model) rows.push(['Model', `${escapeMarkdown(record.model.dir)}: ${record.model.files} files, digest ${code(record.model.digest)}`]);
  if (artifact) rows.push(['Artifact', `${escapeMarkdown(artifact.name)} (id ${artifact.id})`]);
  const lines = [`### Training run: ${escapeMarkdown(record.name)}`, '', '| | |', '| - | - |', ...rows.map(([key, value]) => `| ${key} | ${value} |`), ''];
  if (lineage.data.length > 0) {
    lines.push('<details><summary>Data inputs</summary>', '', '| Path | Kind | Files | Bytes | sha256 |', '| - | - | -: | -: | - |');
    for (const input of lineage.data) lines.push(`| ${escapeMarkdown(input.path)} | ${input.kind} | ${input.files} | ${input.bytes} | ${code(input.sha256)} |`);
    lines.push('', '</details>', '');
  }
  const params = Object.entries(lineage.params);
  if (params.length > 0) {
    lines.push(`<details><summary>Params${lineage.params_file ? ` (${escapeMarkdown(lineage.params_file)})` : ''}</summary>`, '', '| Name | Value |', '| - | - |');
    for (const [name, value] of params) lines.push(`| ${escapeMarkdown(name)} | ${escapeMarkdown(JSON.stringify(value))} |`);
    lines.push('', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}
