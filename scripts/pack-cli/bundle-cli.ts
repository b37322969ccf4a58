// Bundle the CLI for npm with the actions' bundle options (scripts/bundle.ts), plus what an installed
// package needs besides: plain JavaScript for Node 22 (no type stripping), the starter workflows as
// data (modelgate init), and its own file as the script of its worker threads.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { readTemplateFiles } from '../../packages/cli/src/commands/init-templates.ts';
import { bundleOptions, repoRoot } from '../bundle.ts';

/**
 * The oldest Node the package supports (`engines`, the bin's version check, the bundle's syntax):
 * 22.11, the first Node 22 LTS; the workers' `module.flushCompileCache` arrived in 22.10.
 */
export const MIN_NODE = '22.11.0';

/**
 * Worker entries the workspace sources start from their own directory, and how entry.ts hands a
 * worker of that kind over to its job. Any other `new URL('./FILE.ts', import.meta.url)` fails the
 * bundle until it is added here and in entry.ts: it would name a .ts file the package does not hold.
 */
const KNOWN_WORKERS = new Map([
  ['csv-range-worker', 'isValidationWorker -> runValidationWorker'],
  ['bootstrap-worker', 'isBootstrapWorker -> runBootstrapJob'],
  ['read-worker-entry', 'isDriftReadWorker -> runDriftReadWorker'],
]);

const SOURCE_FILE_URL = /new URL\(\s*(['"])\.\/([\w.-]+)\.ts\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * `new URL('./x-worker.ts', import.meta.url)` in a workspace source becomes the bundle's entry: in
 * the package, dist/modelgate.js, which entry.ts turns into the worker.
 */
function workersStartTheBundle(rewritten: Set<string>): Plugin {
  return {
    name: 'modelgate-workers-start-the-bundle',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const contents = source.replace(SOURCE_FILE_URL, (_match, _quote, file: string) => {
          if (!KNOWN_WORKERS.has(file)) throw new Error(`${relative(repoRoot, args.path)} starts ./${file}.ts from import.meta.url, which the packed CLI cannot run: teach scripts/pack-cli/entry.ts to hand that worker over and list it in KNOWN_WORKERS`);
          rewritten.add(file);
          return "new URL('./modelgate.js', import.meta.url)";
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * Writes the CLI bundle into `outdir`: modelgate.js and the chunks it imports, split so that a
 * command loads only what it uses (`--help` 264 ms split vs 383 ms as one file, Node 24 under load);
 * returns the total size in bytes.
 */
export async function bundleCli(outdir: string): Promise<number> {
  const rewritten = new Set<string>();
  const result = await build({
    ...bundleOptions,
    entryPoints: { modelgate: join(repoRoot, 'scripts/pack-cli/entry.ts') },
    outdir,
    splitting: true,
    target: `node${MIN_NODE}`,
    metafile: true,
    define: { MODELGATE_STARTER_TEMPLATES: JSON.stringify(readTemplateFiles(join(repoRoot, 'workflows-templates'))) },
    plugins: [workersStartTheBundle(rewritten)],
  });
  const missing = [...KNOWN_WORKERS.keys()].filter((worker) => !rewritten.has(worker));
  if (missing.length > 0) throw new Error(`the sources no longer start ${missing.join(', ')} from import.meta.url: check that the packed CLI still starts its worker threads (scripts/pack-cli/bundle-cli.ts)`);
  const outputs = Object.entries(result.metafile.outputs);
  for (const [file] of outputs) {
    if (/new URL\(\s*["'`][^"'`]*\.ts["'`]/.test(readFileSync(join(repoRoot, file), 'utf8'))) throw new Error(`${file} still starts a .ts file, which the package does not contain`);
  }
  const heavy = dependenciesLoadedAtStart(result.metafile, 'modelgate');
  if (heavy.length > 0) throw new Error(`the bundle's entry loads ${heavy.join(', ')} before any command or worker runs: import them dynamically (scripts/pack-cli/entry.ts), or every worker thread pays for them`);
  return outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
}

/**
 * The packages (node_modules) in the static import closure of the entry output `name`: what every
 * process and worker thread of the packed CLI loads before it knows what it is for.
 */
function dependenciesLoadedAtStart(metafile: Metafile, name: string): string[] {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint !== undefined && file.endsWith(`/${name}.js`));
  if (!entry) throw new Error(`no ${name}.js in the bundle`);
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  const packages = new Set<string>();
  for (const file of seen) {
    for (const input of Object.keys(outputs[file]?.inputs ?? {})) {
      const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input);
      if (match) packages.add(match[1]!);
    }
  }
  return [...packages].sort();
}
