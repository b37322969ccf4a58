import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  type ChallengeResult, type Config, InputError, type Manifest, type ModelState, type RegistryVersion,
  challengeChampion, checkModelName, checkStage, findVersion, manifestFileName, rollbackTarget,
  lastStageEvent, stageHolder, versionAtStage,
} from '@modelgate/core';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { removedIfInterrupted } from '../files/interrupt-cleanup.ts';
import { readDocument } from '../files/read-document.ts';
import { snapshotNamed } from '../review/load-metrics.ts';
import type { RecordedChange, RegistryBackend, VersionDraft } from './backend.ts';
import { checkManifestDigest, checkManifestPaths, readModelPackage } from './model-package.ts';

/** Who is acting and in which workflow run: recorded with every version and stage change. */
export interface Actor {
  by: string | null;
  sourceRun: string | null;
}

/** The workflow actor and run URL in GitHub Actions; the local user elsewhere. */
export function actorFromEnv(env: Record<string, string | undefined>, localUser?: string): Actor {
  const repository = env.GITHUB_REPOSITORY;
  const run = env.GITHUB_RUN_ID;
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return {
    by: env.GITHUB_ACTOR || env.USER || env.USERNAME || localUser || null,
    sourceRun: repository && run ? `${server}/${repository}/actions/runs/${run}${env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''}` : null,
  };
}

export interface RegisterOptions {
  name: string;
  /** Absolute path of the packaged model directory, and as the user wrote it. */
  packageDir: string;
  shownPackage: string;
  /** A metrics file (e.g. evaluate's output) to record with the version; else the manifest's metrics. */
  metricsFile?: { path: string; shown: string };
  actor: Actor;
  now: Date;
}

/**
 * Register a packaged model: a new version, or the existing one when its digest is already a
 * version of the model (a re-run must not mint v2 of the same bytes). Every byte is checked
 * against the manifest; a mismatch is an InputError naming the file and nothing is stored.
 */
export async function registerModel(backend: RegistryBackend, options: RegisterOptions): Promise<{ version: RegistryVersion; created: boolean }> {
  const name = checkModelName(options.name);
  const pkg = await readModelPackage(options.packageDir, options.shownPackage);
  let metrics = pkg.manifest.metrics;
  let intervals: Record<string, [number, number]> | null = null;
  let metricsDocument: unknown = null;
  if (options.metricsFile) {
    metricsDocument = await readDocument(options.metricsFile.path, 'metrics file');
    const snapshot = snapshotNamed(metricsDocument, options.metricsFile.shown);
    metrics = Object.fromEntries(snapshot.values);
    intervals = snapshot.intervals.size > 0 ? Object.fromEntries([...snapshot.intervals].map(([key, [lo, hi]]) => [key, [lo, hi]])) : null;
  }
  const draft: VersionDraft = {
    name,
    digest: pkg.manifest.digest,
    created_at: options.now.toISOString(),
    registered_by: options.actor.by,
    source_run: options.actor.sourceRun,
    commit: pkg.manifest.lineage.git.commit,
    files: pkg.files.length,
    bytes: pkg.bytes,
    metrics,
    intervals,
    metricsDocument,
  };
  return backend.addVersion(pkg, draft);
}

export interface StageOptions {
  name: string;
  config: Config;
  configSource: string | null;
  reason: string | null;
  actor: Actor;
  /** Promote to a protected stage whose GitHub Environment has no required reviewers. */
  allowUnprotected?: boolean;
}

export interface StageOutcome {
  stage: string;
  /** The version the stage holds now. */
  version: RegistryVersion;
  /** The version it held before the change (the same as `version` when nothing changed). */
  previous?: RegistryVersion;
  /** The recorded change; null when the stage already held the version. */
  event: RecordedChange | null;
  approvedBy: string[];
  challenge?: ChallengeResult;
  /** True when the stage held no version before (after a refusal it still holds none). */
  stageWasEmpty?: boolean;
  /** Set when champion/challenger refused the promotion: the registry is unchanged. */
  refused?: ChallengeResult;
  versionUrl?: string;
  /** The metrics files of `version` and `previous` (null when none), read when asked: only a job summary shows them. */
  metricsDocuments(): Promise<{ version: unknown; previous: unknown }>;
}

/**
 * The version numbers a stage change reports: the stage's holder now (null when a refusal left it
 * empty) and before (the same when nothing changed; null when it was empty or the change was refused).
 */
export function reportedVersions(outcome: StageOutcome): { version: number | null; previous: number | null } {
  const { event, refused } = outcome;
  return {
    version: refused && outcome.stageWasEmpty ? null : outcome.version.version,
    previous: event ? event.previous_version : refused ? null : outcome.version.version,
  };
}

export async function readModelOrFail(backend: RegistryBackend, name: string): Promise<ModelState> {
  checkModelName(name);
  const state = await backend.readModel(name);
  if (state) return state;
  const known = (await backend.listModels()).map((model) => model.name);
  throw new InputError(`unknown model "${name}" in ${backend.location}${known.length > 0 ? ` (registered: ${known.join(', ')})` : ' (no model registered yet)'}`);
}

/** The manifest a version was registered with, checked to be the one its digest names. */
async function verifiedManifest(backend: RegistryBackend, version: RegistryVersion): Promise<Manifest> {
  const manifest = await backend.readManifest(version);
  const source = `${backend.location}: ${version.name} v${version.version} ${manifestFileName}`;
  checkManifestDigest(manifest, source);
  checkManifestPaths(manifest, source);
  if (manifest.digest !== version.digest) throw new InputError(`${source}: digest ${manifest.digest} is not the registered ${version.digest}; the stored version was modified`);
  return manifest;
}

export interface PromoteOptions extends StageOptions {
  version?: number;
  fromStage?: string;
  to: string;
  /** Champion/challenger: the candidate must pass the gate rules against the stage's holder. */
  requireBetter?: boolean;
  /** The stage whose holder is the champion (default `to`): a nightly build promoted to staging is compared with production. */
  championStage?: string;
}

/** Point a stage at a version. Promoting a version to the stage it already holds changes nothing. */
export async function promoteModel(backend: RegistryBackend, options: PromoteOptions): Promise<StageOutcome> {
  const { config } = options;
  const stages = config.registry.stages;
  const state = await readModelOrFail(backend, options.name);
  const to = checkStage(options.to, stages, 'target stage');
  if ((options.version === undefined) === (options.fromStage === undefined)) throw new InputError('give either a version or a stage to promote from');
  const candidate = options.version !== undefined ? findVersion(state, options.version) : approvedHolder(state, checkStage(options.fromStage!, stages, 'source stage'));
  await verifiedManifest(backend, candidate);
  const documents = new MetricsDocuments(backend);
  const holder = stageHolder(state.events, to);
  if (holder === candidate.version) return outcome(backend, state, to, candidate, null, [], documents);
  const championStage = options.championStage === undefined ? to : checkStage(options.championStage, stages, 'champion stage');
  // Champion/challenger against the champion of the state the change is recorded on: checked first on
  // the state read above, and again under the lock (or on GitHub's fresh history) if it moved since.
  const challengeOn = async (on: ModelState): Promise<ChallengeResult> => {
    const championVersion = stageHolder(on.events, championStage);
    const champion = championVersion === null ? undefined : await versionOf(backend, on, championVersion);
    return challengeChampion({
      stage: championStage,
      candidate: { version: candidate, metricsDocument: await documents.of(candidate) },
      ...(champion ? { champion: { version: champion, metricsDocument: await documents.of(champion) } } : {}),
      config,
      configSource: options.configSource,
    });
  };
  let challenge: ChallengeResult | undefined;
  if (options.requireBetter) {
    challenge = await challengeOn(state);
    if (!challenge.passed) return refusedOutcome(backend, state, to, holder, candidate, documents, challenge);
  }
  const approvedBy = await approvals(backend, to, options);
  // The challenge lost at the moment of recording, and the state it was decided on.
  let refusedLate: { challenge: ChallengeResult; state: ModelState } | null = null;
  const event = await backend.changeStage(state.name, async (fresh) => {
    if (stageHolder(fresh.events, to) === candidate.version) return null;
    if (options.requireBetter && stageHolder(fresh.events, championStage) !== stageHolder(state.events, championStage)) {
      challenge = await challengeOn(fresh);
      if (!challenge.passed) {
        refusedLate = { challenge, state: fresh };
        return null;
      }
    }
    return { stage: to, version: candidate, action: 'promote', by: options.actor.by, reason: options.reason, approvedBy, sourceRun: options.actor.sourceRun };
  });
  // (Assigned inside the callback, which TypeScript's narrowing does not see.)
  const late = refusedLate as { challenge: ChallengeResult; state: ModelState } | null;
  if (late) return refusedOutcome(backend, late.state, to, stageHolder(late.state.events, to), candidate, documents, late.challenge);
  return outcome(backend, state, to, candidate, event, approvedBy, documents, challenge);
}

async function refusedOutcome(backend: RegistryBackend, state: ModelState, to: string, holder: number | null, candidate: RegistryVersion, documents: MetricsDocuments, challenge: ChallengeResult): Promise<StageOutcome> {
  const current = holder === null ? candidate : findVersion(state, holder);
  return { ...(await outcome(backend, state, to, current, null, [], documents, challenge)), refused: challenge, stageWasEmpty: holder === null };
}

/** The backend's checks before changing `stage`, and who approved the change. */
async function approvals(backend: RegistryBackend, stage: string, options: StageOptions): Promise<string[]> {
  const prepared = await backend.prepareStageChange?.(stage, { protectedStage: options.config.registry.protected.includes(stage), allowUnprotected: options.allowUnprotected ?? false });
  return prepared?.approvedBy ?? [];
}

export interface RollbackOptions extends StageOptions {
  stage: string;
}

/** Point a stage back at the version it held before its current holder; recorded like a promotion. */
export async function rollbackModel(backend: RegistryBackend, options: RollbackOptions): Promise<StageOutcome> {
  const { config } = options;
  const state = await readModelOrFail(backend, options.name);
  const stage = checkStage(options.stage, config.registry.stages);
  const target = findVersion(state, rollbackTarget(state, stage).to);
  const approved = state.events.findLast((event) => event.stage === stage && event.version === target.version);
  checkApprovedBytes(target, stage, approved?.digest);
  await verifiedManifest(backend, target);
  const approvedBy = await approvals(backend, stage, options);
  const event = await backend.changeStage(state.name, (fresh) => {
    // Decided again on the state at the moment of recording: a concurrent change may have moved the stage.
    const now = rollbackTarget(fresh, stage);
    return { stage, version: findVersion(fresh, now.to), action: 'rollback', by: options.actor.by, reason: options.reason, approvedBy, sourceRun: options.actor.sourceRun };
  });
  const rolledTo = event ? await versionOf(backend, state, event.version) : target;
  return outcome(backend, state, stage, rolledTo, event, approvedBy, new MetricsDocuments(backend));
}

/** Each version's metrics file, read once. */
class MetricsDocuments {
  readonly #backend: RegistryBackend;
  readonly #read = new Map<number, Promise<unknown>>();
  constructor(backend: RegistryBackend) {
    this.#backend = backend;
  }
  of(version: RegistryVersion): Promise<unknown> {
    let document = this.#read.get(version.version);
    if (!document) {
      document = this.#backend.readMetricsDocument(version);
      this.#read.set(version.version, document);
    }
    return document;
  }
}

/** A version by number; versions are only ever added, so one missing from `state` was registered since it was read. */
async function versionOf(backend: RegistryBackend, state: Pick<ModelState, 'name' | 'versions'>, version: number): Promise<RegistryVersion> {
  return state.versions.find((candidate) => candidate.version === version) ?? findVersion(await readModelOrFail(backend, state.name), version);
}

async function outcome(
  backend: RegistryBackend, state: ModelState, stage: string, version: RegistryVersion, event: RecordedChange | null,
  approvedBy: string[], documents: MetricsDocuments, challenge?: ChallengeResult,
): Promise<StageOutcome> {
  const previous = event?.previous_version ? await versionOf(backend, state, event.previous_version) : undefined;
  const metricsDocuments = async () => ({ version: await documents.of(version), previous: previous ? await documents.of(previous) : null });
  const versionUrl = await backend.versionUrl?.(version);
  return { stage, version, ...(previous ? { previous } : {}), event, approvedBy, ...(challenge ? { challenge } : {}), metricsDocuments, ...(versionUrl ? { versionUrl } : {}) };
}

export interface PullOptions {
  name: string;
  version?: number;
  stage?: string;
  config: Config;
  /** Absolute path, and as the user wrote it. */
  output: string;
  shownOutput: string;
}

export interface PullResult {
  name: string;
  version: number;
  digest: string;
  output: string;
  files: number;
}

/**
 * Write a version's files and its manifest into a new or empty directory, every file checked
 * against the manifest and the manifest against the registered digest (and, for a stage, against
 * the digest its promotion recorded). The files land in a private directory first (beside a new
 * DIR, inside an existing empty one, whose mode and mount stay as they are) and are moved into
 * place at the end: a deploy job gets the exact bytes that were approved, or nothing, not even a
 * parent directory it did not have before.
 */
export async function pullModel(backend: RegistryBackend, options: PullOptions): Promise<PullResult> {
  checkModelName(options.name);
  if ((options.version === undefined) === (options.stage === undefined)) throw new InputError('give either a version or a stage to pull');
  let number = options.version;
  let approvedDigest: string | undefined;
  if (options.stage !== undefined) {
    const stage = checkStage(options.stage, options.config.registry.stages);
    const holder = await backend.readStageHolder(options.name, stage);
    if (!holder) {
      await readModelOrFail(backend, options.name);
      throw new InputError(`${options.name}: stage "${stage}" holds no version yet`);
    }
    number = holder.version;
    approvedDigest = holder.digest;
  }
  const version = (await backend.readVersion(options.name, number!)) ?? findVersion(await readModelOrFail(backend, options.name), number!);
  checkApprovedBytes(version, options.stage!, approvedDigest);
  const existing = await readdir(options.output).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code === 'ENOTDIR') throw new InputError(`${options.shownOutput}: exists and is a file; pull into a new or empty directory`);
    throw error;
  });
  if (existing && existing.length > 0) throw new InputError(`${options.shownOutput}: exists and is not empty; pull into a new or empty directory`);
  const manifest = await verifiedManifest(backend, version);
  const suffix = `partial-${randomBytes(4).toString('hex')}`;
  // Removed on failure: the private directory, and every parent the pull had to create.
  const created = existing ? null : await firstMissing(dirname(options.output));
  const partial = existing ? join(options.output, `.modelgate-${suffix}`) : join(dirname(options.output), `.${basename(options.output)}.${suffix}`);
  const cleanup = created ?? partial;
  await removedIfInterrupted(cleanup, async () => {
    await mkdir(partial, { recursive: true });
    try {
      await backend.pullFiles(version, manifest, partial);
      await writeFileAtomic(join(partial, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
      if (existing) {
        for (const entry of await readdir(partial)) await rename(join(partial, entry), join(options.output, entry));
        await rmdir(partial);
      } else {
        await rename(partial, options.output);
      }
    } catch (error) {
      await rm(cleanup, { recursive: true, force: true });
      throw error;
    }
  });
  return { name: version.name, version: version.version, digest: version.digest, output: options.shownOutput, files: manifest.files.length };
}

/** The highest missing directory on the way to `dir` (null when `dir` exists). */
async function firstMissing(dir: string): Promise<string | null> {
  let missing: string | null = null;
  for (let current = dir; ; current = dirname(current)) {
    if (await stat(current).then(() => true, () => false)) return missing;
    missing = current;
    if (dirname(current) === current) return missing;
  }
}

/** The version a stage holds, refused when its bytes are not the ones its promotion recorded. */
function approvedHolder(state: ModelState, stage: string): RegistryVersion {
  const version = versionAtStage(state, stage);
  checkApprovedBytes(version, stage, lastStageEvent(state.events, stage)?.digest);
  return version;
}

/** Refuses a version whose digest is not the one `stage` recorded for it (the number was reused, or the version edited). */
function checkApprovedBytes(version: RegistryVersion, stage: string, approved: string | undefined): void {
  if (approved === undefined || approved === version.digest) return;
  throw new InputError(
    `${version.name}: stage "${stage}" was given v${version.version} with digest ${approved}, but v${version.version} now has ${version.digest} ` +
      '(the version was deleted and its number reused, or edited); refusing bytes that were never approved',
  );
}
