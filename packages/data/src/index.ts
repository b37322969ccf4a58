export * from './files/atomic-write.ts';
export * from './files/read-document.ts';
export * from './readers/index.ts';
export * from './predictions/index.ts';
