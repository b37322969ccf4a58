import type { Manifest, ModelState, RegistryVersion, StageAction, StageEvent } from '@modelgate/core';
import type { ModelPackage } from './model-package.ts';

/** A version about to be registered: everything but the number the registry gives it. */
export type VersionDraft = Omit<RegistryVersion, 'version'> & {
  /** The metrics file registered with the version (e.g. evaluate's output), kept as given. */
  metricsDocument: unknown;
};

/** A stage change decided on the state of the registry at the moment it is recorded. */
export interface StageChange {
  stage: string;
  version: RegistryVersion;
  action: StageAction;
  by: string | null;
  reason: string | null;
  approvedBy: string[];
  sourceRun: string | null;
}

/** A recorded stage change; on GitHub also the id of the deployment that records it. */
export type RecordedChange = StageEvent & { deploymentId?: number };

/** The history entry of `change`, recorded at `at` after a stage holder of `previous`. */
export function stageEventOf(change: StageChange, previous: number | null, at: Date): StageEvent {
  return {
    stage: change.stage,
    version: change.version.version,
    digest: change.version.digest,
    previous_version: previous,
    action: change.action,
    at: at.toISOString(),
    by: change.by,
    reason: change.reason,
    approved_by: change.approvedBy,
    source_run: change.sourceRun,
  };
}

/**
 * What the embedded store and the GitHub backend both do. Versions are immutable once added; stage
 * changes are appended, never rewritten, so the history is complete.
 */
export interface RegistryBackend {
  /** Where the registry lives, for messages: `.modelgate/registry` or `github.com/OWNER/REPO`. */
  readonly location: string;
  listModels(): Promise<ModelState[]>;
  /** null when the model has never been registered. */
  readModel(name: string): Promise<ModelState | null>;
  /** One version, or null (unknown model or version): what a pull needs, without the history. */
  readVersion(name: string, version: number): Promise<RegistryVersion | null>;
  /** The version a stage holds now and the digest its promotion recorded, or null (on GitHub: one request). */
  readStageHolder(name: string, stage: string): Promise<{ version: number; digest: string } | null>;
  /**
   * Store a new version of `draft.name` from the package, checking every byte against the
   * manifest on its way in; when a version with the same digest already exists, return it
   * (created: false) and store nothing. Safe against a concurrent registration of the same bytes.
   */
  addVersion(pkg: ModelPackage, draft: VersionDraft): Promise<{ version: RegistryVersion; created: boolean }>;
  /**
   * Record the change `plan` decides on the model's state at the moment of recording (so two
   * concurrent changes are ordered, and each sees the other); null from `plan` records nothing.
   */
  changeStage(name: string, plan: (state: ModelState) => Promise<StageChange | null> | StageChange | null): Promise<RecordedChange | null>;
  readManifest(version: RegistryVersion): Promise<Manifest>;
  /** The metrics file the version was registered with, or null. */
  readMetricsDocument(version: RegistryVersion): Promise<unknown>;
  /**
   * Write the version's files (not the manifest) into `dir`, an empty directory, checking each
   * against `manifest`; throws an InputError naming the first file that does not match.
   */
  pullFiles(version: RegistryVersion, manifest: Manifest, dir: string): Promise<void>;
  /** A link to show for the version (the GitHub release), if there is one. */
  versionUrl?(version: RegistryVersion): Promise<string | undefined>;
  /**
   * Checks before a stage change (GitHub: the environment's required reviewers) and who approved
   * it (GitHub: the workflow run's approvals for that environment).
   */
  prepareStageChange?(stage: string, options: { protectedStage: boolean; allowUnprotected: boolean }): Promise<{ approvedBy: string[] }>;
}
