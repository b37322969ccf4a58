import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, type Manifest, manifestFileName, manifestSchema, parseWith } from '@modelgate/core';
import { listTreeFiles, sha256File, treeDigest } from '../files/digest.ts';
import { readDocument } from '../files/read-document.ts';

export interface PackageFile {
  /** Relative, `/`-separated, as in the manifest. */
  path: string;
  absolute: string;
  sha256: string;
  size: number;
}

/** A model directory written by `modelgate train` (or actions/train): its manifest and files. */
export interface ModelPackage {
  dir: string;
  /** The directory as the user named it, for messages. */
  shown: string;
  manifest: Manifest;
  files: PackageFile[];
  bytes: number;
}

/**
 * Read a packaged model directory and check that its files are the ones its manifest lists, with
 * the sizes it records, and that the manifest's digest is the digest of that list. Contents are not
 * hashed here (see verifyPackageFiles): registering streams every byte through sha256 anyway.
 */
export async function readModelPackage(dir: string, shown = dir): Promise<ModelPackage> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new InputError(`${shown}: no such model directory`);
  if (!info.isDirectory()) throw new InputError(`${shown}: expected a model directory, found a file`);
  const manifestPath = join(dir, manifestFileName);
  const manifestInfo = await stat(manifestPath).catch(() => undefined);
  if (!manifestInfo) {
    throw new InputError(`${shown} has no ${manifestFileName}: package it with \`modelgate train --model-dir ${shown} -- <command>\` (or actions/train), which records its digest and lineage`);
  }
  const manifest = parseWith(manifestSchema, await readDocument(manifestPath, 'model manifest'), `${shown}/${manifestFileName}`);
  checkManifestDigest(manifest, `${shown}/${manifestFileName}`);
  checkManifestPaths(manifest, `${shown}/${manifestFileName}`);

  const onDisk = await listTreeFiles(dir, { exclude: (path) => path === manifestFileName });
  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  const extra = onDisk.find((path) => !listed.has(path));
  if (extra !== undefined) throw new InputError(`${shown}/${extra}: not in ${manifestFileName}; the directory changed after it was packaged`);
  const present = new Set(onDisk);
  const missing = manifest.files.find((file) => !present.has(file.path));
  if (missing) throw new InputError(`${shown}/${missing.path}: listed in ${manifestFileName} but missing; the directory changed after it was packaged`);

  const files: PackageFile[] = [];
  for (const file of manifest.files) {
    const absolute = join(dir, file.path);
    const size = (await stat(absolute)).size;
    if (size !== file.size) throw new InputError(`${shown}/${file.path}: ${size} bytes, but ${manifestFileName} records ${file.size}; the file changed after it was packaged`);
    files.push({ path: file.path, absolute, sha256: file.sha256, size });
  }
  return { dir, shown, manifest, files, bytes: files.reduce((sum, file) => sum + file.size, 0) };
}

/** A manifest whose digest is not the sha256 of its own file list was edited: refuse it. */
export function checkManifestDigest(manifest: Manifest, source: string): void {
  const digest = `sha256:${treeDigest(manifest.files)}`;
  if (digest !== manifest.digest) throw new InputError(`${source}: digest ${manifest.digest} is not the digest of its file list (${digest}); the manifest was edited`);
}

/**
 * Every manifest path must stay inside the directory it is written to (relative, `/`-separated, no
 * empty, `.` or `..` segment) and be one line of the digest's listing (no line break, which could
 * make two file lists share a digest). A manifest is data from a registry; a pull writes where it says.
 */
export function checkManifestPaths(manifest: Manifest, source: string): void {
  for (const { path } of manifest.files) {
    const segments = path.split('/');
    if (/[\0\\\r\n]/.test(path) || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
      throw new InputError(`${source}: file path ${JSON.stringify(path)} would leave the model directory or break the digest's listing`);
    }
  }
}

/** Hash every file of a package and compare with its manifest; the first mismatch is an InputError naming the file. */
export async function verifyPackageFiles(pkg: ModelPackage): Promise<void> {
  for (const file of pkg.files) {
    const { sha256 } = await sha256File(file.absolute);
    if (sha256 !== file.sha256) throw tamperedFile(`${pkg.shown}/${file.path}`, file.sha256, sha256);
  }
}

/** One line for a file whose bytes are not the ones its manifest vouches for. */
export function tamperedFile(shown: string, expected: string, actual: string, why = 'the file was modified after it was packaged'): InputError {
  return new InputError(`${shown}: sha256 ${actual} does not match the manifest's ${expected}; ${why}`);
}
