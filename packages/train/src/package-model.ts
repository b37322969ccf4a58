import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, manifestFileName, manifestSchema, numericMetrics, type Lineage, type Manifest } from '@modelgate/core';
import { readDocument, writeFileAtomic } from '@modelgate/data';
import { digestFiles, treeDigest } from '@modelgate/data';

/**
 * Remove a manifest left by an earlier run before training starts: if this run fails halfway, the
 * directory must not look complete. The manifest is written again only after a successful run.
 */
export async function clearManifest(modelDir: string): Promise<void> {
  await rm(join(modelDir, manifestFileName), { force: true });
}

export interface PackageModelInput {
  name: string;
  modelDir: string;
  /** The directory as the user gave it, for messages. */
  shownDir: string;
  lineage: Lineage;
  run: Manifest['run'];
  metricsFile?: string | undefined;
  now: Date;
}

/**
 * Hash every file of the model directory and write `manifest.json` inside it, atomically and last.
 * The model digest is sha256 over the manifest's file list (paths and file digests), so it names the
 * model's bytes and nothing else: two runs producing the same files give the same digest.
 */
export async function packageModel(input: PackageModelInput): Promise<{ manifest: Manifest; manifestPath: string; bytes: number }> {
  const { modelDir, shownDir } = input;
  const info = await stat(modelDir).catch(() => undefined);
  if (!info) throw new InputError(`--model-dir ${shownDir}: the training command succeeded but did not create this directory`);
  if (!info.isDirectory()) throw new InputError(`--model-dir ${shownDir}: expected a directory, found a file`);
  const files = await digestFiles(modelDir, { exclude: (path) => path === manifestFileName });
  if (files.length === 0) throw new InputError(`--model-dir ${shownDir}: the training command succeeded but left the directory empty`);
  const metrics = input.metricsFile ? numericMetrics(await readDocument(input.metricsFile, 'metrics file'), input.metricsFile) : null;
  const manifest = manifestSchema.parse({
    schema: 'modelgate.manifest/v1',
    name: input.name,
    created_at: input.now.toISOString(),
    digest: `sha256:${treeDigest(files)}`,
    files,
    lineage: input.lineage,
    run: input.run,
    metrics,
  } satisfies Manifest);
  const manifestPath = join(modelDir, manifestFileName);
  await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, manifestPath, bytes: files.reduce((sum, file) => sum + file.size, 0) };
}
