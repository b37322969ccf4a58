export * from './load-predictions.ts';
export * from './join-predictions.ts';
