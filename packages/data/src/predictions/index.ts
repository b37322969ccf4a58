export * from './bootstrap-job.ts';
export * from './evaluate-files.ts';
export * from './join-predictions.ts';
export * from './load-predictions.ts';
export * from './run-bootstrap.ts';
export * from './write-output.ts';
