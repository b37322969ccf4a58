export * from './files/atomic-write.ts';
export * from './files/read-document.ts';
export * from './readers/index.ts';
export * from './review/load-metrics.ts';
export * from './review/load-config.ts';
export * from './review/load-comparison.ts';
export * from './predictions/index.ts';
