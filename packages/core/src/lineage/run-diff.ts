import type { ParamValue } from './flatten-params.ts';
import type { DataInput, RunRecord } from './run-record.ts';

/** One param that differs, as `dvc params diff` lists it: absent on a side is undefined. */
export interface ParamChange {
  name: string;
  base: ParamValue | undefined;
  head: ParamValue | undefined;
  change: 'added' | 'removed' | 'changed';
}

/** A data input whose digest differs, or that only one run declared. */
export interface DataChange {
  path: string;
  base?: Pick<DataInput, 'sha256' | 'bytes' | 'files'>;
  head?: Pick<DataInput, 'sha256' | 'bytes' | 'files'>;
}

type ModelSummary = { digest: string; bytes: number; files: number } | null;

/** What differs between two training runs (`run.json` of `modelgate train`), base to head. */
export interface RunDiff {
  params: ParamChange[];
  paramsFile: { base: string | null; head: string | null };
  data: DataChange[];
  /** Data inputs both runs declared with the same digest. */
  unchangedData: number;
  model: { base: ModelSummary; head: ModelSummary };
  durationMs: { base: number; head: number };
  peakMemoryBytes: { base: number | null; head: number | null };
  commit: { base: string | null; head: string | null };
  status: { base: RunRecord['status']; head: RunRecord['status'] };
}

/**
 * Compare two runs. Params are compared by flattened name and exact value (1 and "1" differ, as
 * in `dvc params diff`), head's order first; data inputs by path and sha256.
 */
export function diffRuns(base: RunRecord, head: RunRecord): RunDiff {
  const baseParams = base.lineage.params;
  const headParams = head.lineage.params;
  const params: ParamChange[] = [];
  for (const [name, value] of Object.entries(headParams)) {
    if (!Object.hasOwn(baseParams, name)) params.push({ name, base: undefined, head: value, change: 'added' });
    else if (baseParams[name] !== value) params.push({ name, base: baseParams[name], head: value, change: 'changed' });
  }
  for (const [name, value] of Object.entries(baseParams)) if (!Object.hasOwn(headParams, name)) params.push({ name, base: value, head: undefined, change: 'removed' });

  const digest = (input: DataInput) => ({ sha256: input.sha256, bytes: input.bytes, files: input.files });
  const baseData = new Map(base.lineage.data.map((input) => [input.path, input]));
  const headPaths = new Set(head.lineage.data.map((input) => input.path));
  const data: DataChange[] = [];
  let unchangedData = 0;
  for (const input of head.lineage.data) {
    const before = baseData.get(input.path);
    if (before && before.sha256 === input.sha256) unchangedData++;
    else data.push({ path: input.path, ...(before ? { base: digest(before) } : {}), head: digest(input) });
  }
  for (const input of base.lineage.data) if (!headPaths.has(input.path)) data.push({ path: input.path, base: digest(input) });

  const model = (record: RunRecord): ModelSummary => (record.model ? { digest: record.model.digest, bytes: record.model.bytes, files: record.model.files } : null);
  return {
    params,
    paramsFile: { base: base.lineage.params_file, head: head.lineage.params_file },
    data,
    unchangedData,
    model: { base: model(base), head: model(head) },
    durationMs: { base: base.duration_ms, head: head.duration_ms },
    peakMemoryBytes: { base: base.peak_memory_bytes, head: head.peak_memory_bytes },
    commit: { base: base.lineage.git.commit, head: head.lineage.git.commit },
    status: { base: base.status, head: head.status },
  };
}
