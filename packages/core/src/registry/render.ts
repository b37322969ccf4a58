import { diffMetrics } from '../review/diff.ts';
import { formatDelta, formatNoise, formatPair, statusWords } from '../review/change-text.ts';
import type { Config } from '../review/config.ts';
import { escapeMarkdown, escapeTerminal } from '../review/escape.ts';
import { formatBytes } from '../review/format.ts';
import type { ChallengeResult } from './challenge.ts';
import { versionSnapshot } from './challenge.ts';
import { shortDigest } from './names.ts';
import type { ModelState, RegistryVersion, StageEvent } from './records.ts';
import { stageHolders } from './stages.ts';

/** `history --json`: one entry per stage change, oldest first. */
export function historyJson(events: readonly StageEvent[]): object[] {
  return events.map((event) => ({
    stage: event.stage,
    version: event.version,
    previous_version: event.previous_version,
    action: event.action,
    at: event.at,
    by: event.by,
    reason: event.reason,
    approved_by: event.approved_by,
    source_run: event.source_run,
  }));
}

/** `show --json`: the model, the holder of each stage and every version. */
export function showJson(state: ModelState, stages: readonly string[]): object {
  return { name: state.name, stages: stageHolders(state.events, stages), versions: state.versions };
}

/** `list --json`: one entry per model with its newest version and the holder of each stage. */
export function listJson(states: readonly ModelState[], stages: readonly string[]): object[] {
  return states.map((state) => ({
    name: state.name,
    versions: state.versions.length,
    latest: state.versions.at(-1)?.version ?? null,
    stages: stageHolders(state.events, stages),
  }));
}

const text = (value: string) => escapeTerminal(value);

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd());
}

function headlineMetrics(version: RegistryVersion, count = 3): string {
  const entries = Object.entries(version.metrics ?? {}).filter(([name]) => !name.includes('[')).slice(0, count);
  return entries.map(([name, value]) => `${text(name)}=${Number(value.toPrecision(4))}`).join(' ');
}

export function renderShowText(state: ModelState, stages: readonly string[]): string {
  const holders = stageHolders(state.events, stages);
  const lines = [`${text(state.name)}: ${state.versions.length} version${state.versions.length === 1 ? '' : 's'}`, ''];
  const stageRows = [['stage', 'version', 'since'], ...Object.entries(holders).map(([stage, version]) => {
    const since = [...state.events].reverse().find((event) => event.stage === stage);
    return [text(stage), version === null ? '-' : `v${version}`, since ? `${since.at.slice(0, 16).replace('T', ' ')} UTC, ${since.action}${since.by ? ` by ${text(since.by)}` : ''}` : ''];
  })];
  lines.push(...table(stageRows), '');
  const versionRows = [['version', 'digest', 'registered', 'size', 'metrics'], ...state.versions.map((version) => [
    `v${version.version}`, shortDigest(version.digest), version.created_at.slice(0, 10), `${version.files} files, ${formatBytes(version.bytes)}`, headlineMetrics(version),
  ])];
  lines.push(...table(versionRows));
  return `${lines.join('\n')}\n`;
}

export function renderListText(states: readonly ModelState[], stages: readonly string[]): string {
  if (states.length === 0) return 'No models registered yet: modelgate registry register NAME --package DIR\n';
  const rows = [['model', 'versions', 'latest', ...stages], ...states.map((state) => {
    const holders = stageHolders(state.events, stages);
    return [text(state.name), String(state.versions.length), state.versions.length > 0 ? `v${state.versions.at(-1)!.version}` : '-', ...stages.map((stage) => (holders[stage] === null ? '-' : `v${holders[stage]}`))];
  })];
  return `${table(rows).join('\n')}\n`;
}

export function renderHistoryText(name: string, events: readonly StageEvent[]): string {
  if (events.length === 0) return `${text(name)}: no stage changes yet\n`;
  const rows = [['at (UTC)', 'stage', 'change', 'action', 'by', 'approved by', 'reason'], ...events.map((event) => [
    event.at.slice(0, 19).replace('T', ' '),
    text(event.stage),
    `${event.previous_version === null ? '-' : `v${event.previous_version}`} -> v${event.version}`,
    event.action,
    event.by ? text(event.by) : '',
    event.approved_by.map(text).join(', '),
    event.reason ? text(event.reason) : '',
  ])];
  return `${table(rows).join('\n')}\n`;
}

export interface PromotionSummaryInput {
  name: string;
  stage: string;
  action: 'promote' | 'rollback';
  /** The version the stage holds after the change. */
  version: RegistryVersion;
  /** The version it held before, if any. */
  previous?: RegistryVersion;
  changed: boolean;
  approvedBy: readonly string[];
  reason: string | null;
  releaseUrl?: string;
  challenge?: ChallengeResult;
  config: Config;
  metricsDocuments?: { version?: unknown; previous?: unknown };
}

/** The job summary of a promotion: what moved where, who approved, and the metrics before and after. */
export function renderPromotionSummary(input: PromotionSummaryInput): string {
  const { name, stage, version, previous } = input;
  const title = escapeMarkdown(name);
  const verb = input.action === 'rollback' ? 'rolled back' : 'promoted';
  const lines = [
    input.changed
      ? `### ${title}: ${stage} ${verb} ${previous ? `v${previous.version} -> ` : ''}v${version.version}`
      : `### ${title}: v${version.version} already holds ${stage}; nothing changed`,
    '',
    `Digest \`${version.digest}\`${input.releaseUrl ? ` · [release](${input.releaseUrl})` : ''}`,
  ];
  if (input.approvedBy.length > 0) lines.push(`Approved by ${input.approvedBy.map(escapeMarkdown).join(', ')}`);
  if (input.reason) lines.push(`Reason: ${escapeMarkdown(input.reason)}`);
  if (input.challenge) lines.push(`Champion/challenger: ${escapeMarkdown(input.challenge.summary)}`);
  lines.push('');
  if (previous && previous.version !== version.version) {
    const diff = diffMetrics(versionSnapshot(previous, input.metricsDocuments?.previous), versionSnapshot(version, input.metricsDocuments?.version), input.config);
    if (diff.changes.length > 0) {
      lines.push(`| Metric | v${previous.version} (before) | v${version.version} (after) | Change | |`, '| - | -: | -: | -: | - |');
      for (const change of diff.changes) {
        const pair = formatPair(change);
        const noise = change.withinNoise ? `within noise (${formatNoise(change)})` : '';
        lines.push(`| ${escapeMarkdown(change.name)} | ${pair.base} | ${pair.head} | ${formatDelta(change)} | ${statusWords[change.status]}${noise ? `, ${noise}` : ''} |`);
      }
      lines.push('');
    }
  } else if (Object.keys(version.metrics ?? {}).length > 0) {
    lines.push(`| Metric | v${version.version} |`, '| - | -: |');
    for (const [metric, value] of Object.entries(version.metrics ?? {})) lines.push(`| ${escapeMarkdown(metric)} | ${value} |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
