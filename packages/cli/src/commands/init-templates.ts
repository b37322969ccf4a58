// The starter workflows `modelgate init` writes: workflows-templates/NAME.yml with the name and
// description of NAME.properties.json. The packed CLI has no repository next to it, so
// scripts/pack-cli bundles them as data (MODELGATE_STARTER_TEMPLATES); from source they are read
// from the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StarterTemplate {
  /** File name without `.yml`, what `--workflows` takes. */
  name: string;
  /** The workflow file as published, with GitHub's `$default-branch` placeholder. */
  workflow: string;
  /** One sentence from NAME.properties.json, for `init --help`. */
  description: string;
}

/** NAME -> the two files' text, as scripts/pack-cli embeds them. */
export type TemplateFiles = Record<string, { workflow: string; properties: string }>;

declare const MODELGATE_STARTER_TEMPLATES: TemplateFiles | undefined;

/** Every NAME.yml of a workflows-templates directory with its properties file, by name. */
export function readTemplateFiles(dir = fileURLToPath(new URL('../../../../workflows-templates/', import.meta.url))): TemplateFiles {
  const files: TemplateFiles = {};
  for (const file of readdirSync(dir).filter((entry) => entry.endsWith('.yml')).sort()) {
    const name = file.slice(0, -'.yml'.length);
    files[name] = { workflow: readFileSync(join(dir, file), 'utf8'), properties: readFileSync(join(dir, `${name}.properties.json`), 'utf8') };
  }
  return files;
}

/** The starter workflows this CLI carries, sorted by name. */
export function starterTemplates(): StarterTemplate[] {
  const files = typeof MODELGATE_STARTER_TEMPLATES === 'undefined' ? readTemplateFiles() : MODELGATE_STARTER_TEMPLATES;
  return Object.entries(files).map(([name, { workflow, properties }]) => ({
    name,
    workflow,
    description: String((JSON.parse(properties) as { description?: unknown }).description ?? ''),
  }));
}
