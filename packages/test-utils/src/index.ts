export * from './testdir.ts';
