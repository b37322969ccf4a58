import { z } from 'zod';
import { flattenedParamsSchema } from './shared.ts';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex sha256');

/** One declared data input and its digest. A directory's digest covers its file list (see `fileListText`). */
export const dataInputSchema = z.strictObject({
  path: z.string(),
  kind: z.enum(['file', 'directory']),
  sha256: sha256Hex,
  /** Total bytes hashed. */
  bytes: z.number().int().nonnegative(),
  /** Number of files hashed (1 for a file). */
  files: z.number().int().nonnegative(),
});
export type DataInput = z.infer<typeof dataInputSchema>;

export const gitLineageSchema = z.strictObject({
  commit: z.string().nullable(),
  /** null on a detached HEAD (as in most CI checkouts) unless the CI names the branch. */
  branch: z.string().nullable(),
  /** Uncommitted changes to tracked files at the time of the run. */
  dirty: z.boolean().nullable(),
});

export const ciLineageSchema = z.strictObject({
  provider: z.literal('github-actions'),
  workflow_run_url: z.string().nullable(),
  workflow: z.string().nullable(),
  run_id: z.string().nullable(),
  run_attempt: z.string().nullable(),
  event: z.string().nullable(),
  sha: z.string().nullable(),
  ref: z.string().nullable(),
});

export const environmentSchema = z.strictObject({
  runtime: z.strictObject({ node: z.string(), python: z.string().nullable() }),
  os: z.strictObject({
    platform: z.string(),
    release: z.string(),
    arch: z.string(),
    /** RUNNER_OS in GitHub Actions (Linux, Windows, macOS), else null. */
    runner_os: z.string().nullable(),
  }),
  gpu: z.strictObject({
    present: z.boolean(),
    /** One line per GPU as `nvidia-smi -L` prints it; empty without nvidia-smi. */
    devices: z.array(z.string()),
    detected_by: z.literal('nvidia-smi -L').nullable(),
  }),
});

/** What identifies the inputs of a training run; repeated inside the model's manifest. */
export const lineageSchema = z.strictObject({
  command: z.string(),
  git: gitLineageSchema,
  ci: ciLineageSchema.nullable(),
  params_file: z.string().nullable(),
  params: flattenedParamsSchema,
  data: z.array(dataInputSchema),
  ...environmentSchema.shape,
});
export type Lineage = z.infer<typeof lineageSchema>;

/**
 * `failed`: the command ran and exited non-zero, or could not be started (see `error`);
 * `packaging_failed`: the command succeeded but its model directory could not be packaged.
 */
export const runStatusSchema = z.enum(['succeeded', 'failed', 'killed', 'packaging_failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** `run.json`: one training run, written whether the command succeeded or not. */
export const runRecordSchema = z.strictObject({
  schema: z.literal('modelgate.run/v1'),
  name: z.string(),
  status: runStatusSchema,
  exit_code: z.number().int().nullable(),
  /** The signal that ended the command (e.g. SIGKILL), or null. */
  signal: z.string().nullable(),
  started_at: z.iso.datetime(),
  finished_at: z.iso.datetime(),
  duration_ms: z.number().nonnegative(),
  /**
   * Peak resident memory of the command's process tree in bytes, SAMPLED: the largest of the summed
   * VmRSS of all processes in the tree at any sample and each process's own VmHWM (its exact peak, read
   * at the last sample before it exited). A spike shorter than the sampling interval in a child that
   * is not the largest process can be missed. null where /proc is unavailable (macOS, Windows).
   */
  peak_memory_bytes: z.number().int().nonnegative().nullable(),
  peak_memory_method: z.string().nullable(),
  /** What went wrong when the exit code alone does not say it (command not found or not executable, packaging); else null. */
  error: z.string().nullable(),
  lineage: lineageSchema,
  /** The packaged model, only when the command succeeded and a model directory was declared. */
  model: z
    .strictObject({
      dir: z.string(),
      manifest: z.string(),
      digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
      files: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
