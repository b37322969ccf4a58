#!/usr/bin/env node
// The packed CLI's command. Kept to syntax any Node can parse, so that an old one gets this one line
// instead of a syntax error from the bundle.
import module from 'node:module';

const MIN_MAJOR = 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_MAJOR) {
  process.stderr.write(`modelgate: needs Node.js ${MIN_MAJOR} or newer; this is Node.js ${process.version}\n`);
  process.exit(2);
}
// Reuse compiled code between runs (on-disk cache keyed by content): most of `--help` is compiling.
module.enableCompileCache?.();
import('../dist/modelgate.js');
