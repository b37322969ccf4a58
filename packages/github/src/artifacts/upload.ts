import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DefaultArtifactClient, GHESNotSupportedError, type UploadArtifactOptions, type UploadArtifactResponse } from '@actions/artifact';
import { InputError, errorMessage, manifestFileName, manifestSchema, oneLine, parseWith } from '@modelgate/core';
import { readDocument } from '@modelgate/data';

/** The one method of `@actions/artifact`'s client used here; tests pass a recording fake. */
export interface ArtifactUploader {
  uploadArtifact(name: string, files: string[], rootDirectory: string, options?: UploadArtifactOptions): Promise<UploadArtifactResponse>;
}

export interface UploadModelOptions {
  /** A model directory holding the manifest.json that `train` wrote after a successful run. */
  modelDir: string;
  artifactName: string;
  retentionDays?: number | undefined;
  client?: ArtifactUploader;
}

export interface UploadedModel {
  artifactId: number;
  /** sha256 of the uploaded zip, as the artifact service reports it. */
  artifactDigest: string | null;
  size: number | null;
  /** The model digest from the manifest (sha256 over its file list). */
  modelDigest: string;
  files: number;
}

// Characters the artifact service rejects in names (the same list upload-artifact checks).
const forbiddenNameCharacters = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/'];

/**
 * Upload a packaged model as a workflow artifact: exactly the files its manifest lists, plus the
 * manifest. A directory without a manifest (the run failed or never packaged it), or whose files
 * no longer match the manifest's sizes, is refused: a half-written model is never uploaded as good.
 */
export async function uploadModelPackage(options: UploadModelOptions): Promise<UploadedModel> {
  const { modelDir, artifactName } = options;
  const bad = forbiddenNameCharacters.find((character) => artifactName.includes(character));
  if (artifactName.trim() === '' || bad !== undefined) {
    throw new InputError(`artifact-name "${artifactName}": must be non-empty without any of " : < > | * ? \\ / or line breaks${bad ? ` (found ${JSON.stringify(bad)})` : ''}`);
  }
  const manifestPath = join(modelDir, manifestFileName);
  if (!(await stat(manifestPath).catch(() => undefined))) {
    throw new InputError(`${manifestPath}: no manifest, so the model was not packaged by a successful training run; refusing to upload it`);
  }
  const manifest = parseWith(manifestSchema, await readDocument(manifestPath, 'model manifest'), manifestPath);
  for (const file of manifest.files) {
    const info = await stat(join(modelDir, file.path)).catch(() => undefined);
    if (!info?.isFile()) throw new InputError(`${modelDir}: ${file.path} is listed in the manifest but missing; refusing to upload a changed model`);
    if (info.size !== file.size) {
      throw new InputError(`${modelDir}: ${file.path} is ${info.size} bytes but the manifest says ${file.size}; refusing to upload a changed model`);
    }
  }
  const files = [...manifest.files.map((file) => join(modelDir, file.path)), manifestPath];
  const client = options.client ?? new DefaultArtifactClient();
  let response: UploadArtifactResponse;
  try {
    response = await client.uploadArtifact(artifactName, files, modelDir, options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {});
  } catch (error) {
    throw new Error(describeUploadError(error, artifactName), { cause: error });
  }
  if (response.id === undefined) throw new Error(`artifact "${artifactName}": the artifact service returned no id; the upload did not finish`);
  return { artifactId: response.id, artifactDigest: response.digest ?? null, size: response.size ?? null, modelDigest: manifest.digest, files: manifest.files.length };
}

function describeUploadError(error: unknown, name: string): string {
  if (error instanceof GHESNotSupportedError) {
    return 'artifact upload is not available on GitHub Enterprise Server (Artifacts v2); set upload: false and store the model elsewhere';
  }
  const message = oneLine(errorMessage(error));
  if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(message)) {
    return `uploading artifact "${name}" needs the GitHub Actions runtime (${message}); run it in a workflow job or set upload: false`;
  }
  if (/already exists|conflict|409/i.test(message)) {
    return `artifact "${name}" already exists in this workflow run: names must be unique per run (in a matrix, put the matrix values in artifact-name): ${message}`;
  }
  return `uploading artifact "${name}" failed: ${message}`;
}
