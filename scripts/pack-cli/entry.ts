// Entry of the packed CLI bundle (dist/modelgate.js). The bundle is also the script of its own
// worker threads, as the actions' bundles are: validate's parallel parts, evaluate's bootstrap and
// drift's second reader start this file with their task in workerData (bundle-cli.ts points their
// default worker scripts here). A worker must run its task and never the CLI, whose argv it shares
// with the main thread.
import { isBootstrapWorker, isDriftReadWorker, isValidationWorker, runBootstrapJob, runDriftReadWorker, runValidationWorker } from '@modelgate/data';

if (isValidationWorker()) {
  await runValidationWorker();
} else if (isBootstrapWorker()) {
  runBootstrapJob();
} else if (isDriftReadWorker()) {
  await runDriftReadWorker();
} else {
  // Imported here so that worker threads never evaluate the CLI's modules.
  const { main } = await import('@modelgate/cli');
  process.exitCode = await main(process.argv.slice(2));
}
