export * from './errors.ts';
export * from './nearest.ts';
export * from './parse.ts';
