export * from './backend.ts';
export * from './model-package.ts';
export * from './local-registry.ts';
export * from './operations.ts';
export * from './tar-archive.ts';
