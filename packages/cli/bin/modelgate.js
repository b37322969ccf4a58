#!/usr/bin/env node
// Entry shim: Node 24 strips the TypeScript types of the workspace sources directly. The compile
// cache keeps the stripped and compiled code between runs (0.9 s -> 0.3 s for `--help`).
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
