import type { Manifest } from '../lineage/manifest.ts';
import { codeSpan as code, escapeMarkdown } from '../review/escape.ts';
import { formatBytes, formatDuration, formatInterval, formatNumber } from '../review/format.ts';
import type { RegistryVersion } from './records.ts';

/** GitHub refuses release notes over 125,000 characters; the card leaves room for the version marker. */
export const modelCardLimit = 100_000;

export interface ModelCardOptions {
  /** The version's manifest (lineage, training cost); without it the card has no lineage section. */
  manifest?: Manifest | null;
  maxLength?: number;
}

/**
 * The release notes of a registered version: what it is (digest, size), how good it is (metrics
 * with their 95% intervals) and where it came from (commit, command, params, data digests, training
 * cost). Pure; user-controlled text is escaped. When too long, params rows go first, then data rows.
 */
export function renderModelCard(version: RegistryVersion, options: ModelCardOptions = {}): string {
  const maxLength = options.maxLength ?? modelCardLimit;
  const lineage = options.manifest?.lineage;
  let params = lineage ? Object.entries(lineage.params) : [];
  let data = lineage?.data ?? [];
  for (;;) {
    const card = render(version, options.manifest ?? null, params, data);
    if (card.length <= maxLength || (params.length === 0 && data.length === 0)) return card;
    if (params.length > 0) params = params.slice(0, Math.floor(params.length / 2));
    else data = data.slice(0, Math.floor(data.length / 2));
  }
}

function render(version: RegistryVersion, manifest: Manifest | null, params: [string, unknown][], data: Manifest['lineage']['data']): string {
  const lines = [`## ${escapeMarkdown(version.name)} v${version.version}`, ''];
  const registered = [`registered ${version.created_at.slice(0, 19).replace('T', ' ')} UTC`];
  if (version.registered_by) registered.push(`by ${escapeMarkdown(version.registered_by)}`);
  if (version.source_run) registered.push(`in [this workflow run](${version.source_run})`);
  lines.push(`Digest ${code(version.digest)} · ${version.files} file${version.files === 1 ? '' : 's'}, ${formatBytes(version.bytes)} · ${registered.join(' ')}`, '');

  lines.push('### Metrics', '');
  const metrics = Object.entries(version.metrics ?? {});
  if (metrics.length === 0) {
    lines.push('No metrics were registered with this version.', '');
  } else {
    const withIntervals = metrics.some(([name]) => version.intervals?.[name]);
    lines.push(withIntervals ? '| Metric | Value | 95% interval |' : '| Metric | Value |', withIntervals ? '| - | -: | - |' : '| - | -: |');
    for (const [name, value] of metrics) {
      const interval = version.intervals?.[name];
      lines.push(`| ${escapeMarkdown(name)} | ${formatNumber(value)} |${withIntervals ? ` ${interval ? formatInterval(interval) : ''} |` : ''}`);
    }
    lines.push('');
  }

  if (manifest) {
    const { lineage, run } = manifest;
    const rows: [string, string][] = [
      ['Commit', lineage.git.commit ? `${code(lineage.git.commit)}${lineage.git.branch ? ` on ${escapeMarkdown(lineage.git.branch)}` : ''}${lineage.git.dirty ? ' (with uncommitted changes)' : ''}` : 'unknown'],
      ['Training command', code(lineage.command)],
      ['Training cost', `${formatDuration(run.duration_ms)}${run.peak_memory_bytes === null ? '' : `, peak memory ${formatBytes(run.peak_memory_bytes)} (sampled)`}`],
      ['Runtime', [`Node ${lineage.runtime.node}`, lineage.runtime.python ? `Python ${lineage.runtime.python}` : '', escapeMarkdown(lineage.os.runner_os ?? lineage.os.platform), lineage.gpu.present ? lineage.gpu.devices.map(escapeMarkdown).join('; ') : 'no GPU'].filter(Boolean).join(', ')],
    ];
    if (lineage.ci?.workflow_run_url) rows.push(['Trained in', `[workflow run](${lineage.ci.workflow_run_url})`]);
    lines.push('### Lineage', '', '| | |', '| - | - |', ...rows.map(([key, value]) => `| ${key} | ${value} |`), '');
    if (lineage.data.length > 0) {
      lines.push(`<details><summary>Data inputs (${lineage.data.length})</summary>`, '', '| Path | Files | Bytes | sha256 |', '| - | -: | -: | - |');
      for (const input of data) lines.push(`| ${escapeMarkdown(input.path)} | ${input.files} | ${input.bytes} | ${code(input.sha256)} |`);
      if (data.length < lineage.data.length) lines.push('', `${lineage.data.length - data.length} more data inputs are listed in manifest.json.`);
      lines.push('', '</details>', '');
    }
    const allParams = Object.keys(lineage.params).length;
    if (allParams > 0) {
      lines.push(`<details><summary>Params (${allParams})${lineage.params_file ? ` from ${escapeMarkdown(lineage.params_file)}` : ''}</summary>`, '', '| Name | Value |', '| - | - |');
      for (const [name, value] of params) lines.push(`| ${escapeMarkdown(name)} | ${escapeMarkdown(JSON.stringify(value))} |`);
      if (params.length < allParams) lines.push('', `${allParams - params.length} more params are listed in manifest.json.`);
      lines.push('', '</details>', '');
    }
  }
  lines.push(`The files are in the release's assets; \`modelgate registry pull ${version.name} --version ${version.version} --output DIR --github\` downloads them and checks every byte against the digest.`);
  return `${lines.join('\n')}\n`;
}
