export * from './flatten-params.ts';
export * from './manifest.ts';
export * from './run-record.ts';
export * from './render-run.ts';
export * from './run-diff.ts';
