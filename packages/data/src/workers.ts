// What a bundle's entry needs to hand a worker thread over to its job, without the package index:
// every thread loads its own copy of each module it imports, and the index (zod, yaml, the
// readers) cost each worker of the packed CLI ~0.15 s before it read a byte.
export { isValidationWorker, runValidationWorker } from './validate/worker-entry.ts';
export { isDriftReadWorker, runDriftReadWorker } from './drift/read-worker.ts';
