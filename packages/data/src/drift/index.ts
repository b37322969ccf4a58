export { ColumnCollector } from './column-collector.ts';
export { type DriftFilesOptions, columnSettings, driftFiles } from './drift-files.ts';
export { PARALLEL_MIN_BYTES as DRIFT_PARALLEL_MIN_BYTES, defaultReadWorker as defaultDriftReadWorker, readBoth } from './read-parallel.ts';
export { type FileSamples, type ReadOptions, readColumnNames, readSamples } from './read-samples.ts';
export { isDriftReadWorker, runDriftReadWorker } from './read-worker.ts';
