#!/usr/bin/env node
// Entry shim: Node 24 strips the TypeScript types of the workspace sources directly.
import { main } from '../src/main.ts';

process.exitCode = await main(process.argv.slice(2));
