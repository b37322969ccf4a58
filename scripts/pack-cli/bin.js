#!/usr/bin/env node
// The packed CLI's command. Kept to syntax any Node can parse, so that an old one gets this one line
// instead of a syntax error from the bundle. scripts/pack-cli.ts fills in the minimum version.
import module from 'node:module';

const MIN_NODE = '{{MIN_NODE}}';
const [major, minor] = process.versions.node.split('.').map(Number);
const [minMajor, minMinor] = MIN_NODE.split('.').map(Number);
if (major < minMajor || (major === minMajor && minor < minMinor)) {
  process.stderr.write(`modelgate: needs Node.js ${MIN_NODE} or newer; this is Node.js ${process.version}\n`);
  process.exit(2);
}
// Reuse compiled code between runs (on-disk cache keyed by content): most of `--help` is compiling.
module.enableCompileCache?.();
import('../dist/modelgate.js');
