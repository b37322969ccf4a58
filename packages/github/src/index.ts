export * from './artifacts/upload.ts';
