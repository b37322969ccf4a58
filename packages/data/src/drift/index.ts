export { ColumnCollector } from './column-collector.ts';
export { type DriftFilesOptions, columnSettings, driftFiles } from './drift-files.ts';
export { type FileSamples, type ReadOptions, readColumnNames, readSamples } from './read-samples.ts';
