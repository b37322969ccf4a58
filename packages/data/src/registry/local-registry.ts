import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import {
  InputError, type LocalRegistryFile, type Manifest, type ModelState, type RegistryVersion, type StageEvent,
  lastStageEvent, localRegistryFileSchema, manifestSchema, nextVersionNumber, parseWith, refuseCaseTwin, stageHolder, versionWithDigest,
} from '@modelgate/core';
import { copyHashed } from '../files/copy-hashed.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { processAlive, withFileLock } from '../files/file-lock.ts';
import { removedIfInterrupted } from '../files/interrupt-cleanup.ts';
import { parseJsonText, readDocument, readDocumentIfPresent, readTextFileIfPresent } from '../files/read-document.ts';
import { type RegistryBackend, type StageChange, type VersionDraft, stageEventOf } from './backend.ts';
import { tamperedFile, verifyPackageFiles, type ModelPackage } from './model-package.ts';

export const defaultLocalRegistry = '.modelgate/registry';

/**
 * The embedded registry: one directory, no server. `registry.json` holds every version and stage
 * change and is only rewritten whole (temp file + rename) under a lock file, so concurrent
 * promotions are serialised and none is lost. Each version's files are plain copies:
 *
 *   registry.json
 *   models/NAME/vN/files/...      the package's files
 *   models/NAME/vN/manifest.json  its manifest (digest, lineage)
 *   models/NAME/vN/metrics.json   the metrics file it was registered with, if any
 */
export class LocalRegistry implements RegistryBackend {
  readonly location: string;
  readonly #root: string;
  readonly #clock: () => Date;

  /** `root`: absolute path; `shown`: as the user wrote it. */
  constructor(root: string, shown: string, clock: () => Date = () => new Date()) {
    this.#root = root;
    this.location = shown;
    this.#clock = clock;
  }

  get #registryFile(): string {
    return join(this.#root, 'registry.json');
  }

  #versionDir(name: string, version: number): string {
    return join(this.#root, 'models', name, `v${version}`);
  }

  async #load(): Promise<LocalRegistryFile> {
    const text = await readTextFileIfPresent(this.#registryFile, 'registry file');
    if (text === null) return { schema: 'modelgate.registry/v1', models: {} };
    const shown = `${this.location}/registry.json`;
    return parseWith(localRegistryFileSchema, parseJsonText(text, shown), shown);
  }

  #locked<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(join(this.#root, '.lock'), fn, { what: `the registry ${this.location}` });
  }

  async listModels(): Promise<ModelState[]> {
    const file = await this.#load();
    return Object.entries(file.models).sort(([a], [b]) => a.localeCompare(b)).map(([name, model]) => ({ name, ...model }));
  }

  async readModel(name: string): Promise<ModelState | null> {
    const model = (await this.#load()).models[name];
    return model ? { name, ...model } : null;
  }

  async readVersion(name: string, version: number): Promise<RegistryVersion | null> {
    return (await this.readModel(name))?.versions.find((candidate) => candidate.version === version) ?? null;
  }

  async readStageHolder(name: string, stage: string): Promise<{ version: number; digest: string } | null> {
    const event = lastStageEvent((await this.readModel(name))?.events ?? [], stage);
    return event ? { version: event.version, digest: event.digest } : null;
  }

  async addVersion(pkg: ModelPackage, draft: VersionDraft): Promise<{ version: RegistryVersion; created: boolean }> {
    const { metricsDocument, ...fields } = draft;
    const models = (await this.#load()).models;
    refuseCaseTwin(Object.keys(models), draft.name);
    const known = versionWithDigest(models[draft.name] ? { name: draft.name, ...models[draft.name]! } : null, draft.digest);
    if (known) {
      // The same bytes again (a re-run workflow): nothing to store, but the package must really be them.
      await verifyPackageFiles(pkg);
      return { version: known, created: false };
    }
    // Copy outside the lock (it may take minutes); only numbering and the rename happen under it.
    await this.#sweepIncoming();
    const incoming = join(this.#root, 'incoming', `${hostname()}-${process.pid}-${randomBytes(6).toString('hex')}`);
    return removedIfInterrupted(incoming, () => this.#storeIncoming(incoming, pkg, fields, metricsDocument));
  }

  /** Copies left by registrations whose process died on this host (a killed job) are removed. */
  async #sweepIncoming(): Promise<void> {
    const entries = await readdir(join(this.#root, 'incoming')).catch(() => [] as string[]);
    for (const entry of entries) {
      const match = /^(.+)-(\d+)-[0-9a-f]+$/.exec(entry);
      if (match && match[1] === hostname() && !processAlive(Number(match[2]))) await rm(join(this.#root, 'incoming', entry), { recursive: true, force: true });
    }
  }

  async #storeIncoming(incoming: string, pkg: ModelPackage, fields: Omit<VersionDraft, 'metricsDocument'>, metricsDocument: unknown): Promise<{ version: RegistryVersion; created: boolean }> {
    try {
      for (const file of pkg.files) {
        const target = join(incoming, 'files', file.path);
        await mkdir(dirname(target), { recursive: true });
        const { sha256 } = await copyHashed(file.absolute, target);
        if (sha256 !== file.sha256) throw tamperedFile(`${pkg.shown}/${file.path}`, file.sha256, sha256);
      }
      await mkdir(incoming, { recursive: true });
      await writeFileAtomic(join(incoming, 'manifest.json'), `${JSON.stringify(pkg.manifest, null, 2)}\n`);
      if (metricsDocument !== null && metricsDocument !== undefined) await writeFileAtomic(join(incoming, 'metrics.json'), `${JSON.stringify(metricsDocument, null, 2)}\n`);
      return await this.#locked(async () => {
        const file = await this.#load();
        const model = file.models[fields.name] ?? { versions: [], events: [] };
        const raced = versionWithDigest({ name: fields.name, ...model }, fields.digest);
        if (raced) return { version: raced, created: false };
        const version: RegistryVersion = { ...fields, version: nextVersionNumber({ name: fields.name, ...model }) };
        const target = this.#versionDir(fields.name, version.version);
        await mkdir(dirname(target), { recursive: true });
        // A directory left by a registration that crashed before recording its version is not a version.
        await rm(target, { recursive: true, force: true });
        await rename(incoming, target);
        model.versions.push(version);
        file.models[fields.name] = model;
        await writeFileAtomic(this.#registryFile, `${JSON.stringify(file, null, 2)}\n`);
        return { version, created: true };
      });
    } finally {
      await rm(incoming, { recursive: true, force: true });
    }
  }

  async changeStage(name: string, plan: (state: ModelState) => Promise<StageChange | null> | StageChange | null): Promise<StageEvent | null> {
    return this.#locked(async () => {
      const file = await this.#load();
      const model = file.models[name];
      if (!model) throw new InputError(`unknown model "${name}" in ${this.location}`);
      const change = await plan({ name, ...model });
      if (!change) return null;
      const event = stageEventOf(change, stageHolder(model.events, change.stage), this.#clock());
      model.events.push(event);
      await writeFileAtomic(this.#registryFile, `${JSON.stringify(file, null, 2)}\n`);
      return event;
    });
  }

  async readManifest(version: RegistryVersion): Promise<Manifest> {
    const path = join(this.#versionDir(version.name, version.version), 'manifest.json');
    return parseWith(manifestSchema, await readDocument(path, 'model manifest'), path);
  }

  async readMetricsDocument(version: RegistryVersion): Promise<unknown> {
    const path = join(this.#versionDir(version.name, version.version), 'metrics.json');
    return readDocumentIfPresent(path, 'metrics file');
  }

  async pullFiles(version: RegistryVersion, manifest: Manifest, dir: string): Promise<void> {
    const stored = join(this.#versionDir(version.name, version.version), 'files');
    for (const file of manifest.files) {
      const target = join(dir, file.path);
      await mkdir(dirname(target), { recursive: true });
      const source = join(stored, file.path);
      const { sha256 } = await copyHashed(source, target).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${source}: missing from the registry; the stored version was modified`);
        throw error;
      });
      if (sha256 !== file.sha256) throw tamperedFile(source, file.sha256, sha256, 'the stored copy was modified after it was registered');
    }
  }
}
