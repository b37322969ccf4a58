// Entry of the packed CLI bundle (dist/modelgate.js). The bundle is also the script of its own
// worker threads, as the actions' bundles are: validate's parallel parts, evaluate's bootstrap and
// drift's reader and profile parts start this file with their task in workerData (bundle-cli.ts
// points their default worker scripts here). A worker must run its task and never the CLI, whose
// argv it shares with the main thread. Only the light hand-over modules are imported statically:
// with code splitting, whatever this file imports statically every worker loads before its task.
import { isMainThread } from 'node:worker_threads';
import { isDriftReadWorker, isValidationWorker, runDriftReadWorker, runValidationWorker } from '@modelgate/data/workers';

if (isMainThread) {
  const { main } = await import('@modelgate/cli');
  process.exitCode = await main(process.argv.slice(2));
} else if (isValidationWorker()) {
  await runValidationWorker();
} else if (isDriftReadWorker()) {
  await runDriftReadWorker();
} else {
  // Evaluate's bootstrap needs the core package anyway.
  const { isBootstrapWorker, runBootstrapJob } = await import('@modelgate/data');
  if (isBootstrapWorker()) runBootstrapJob();
}
