export * from './files/atomic-write.ts';
export * from './files/read-document.ts';
