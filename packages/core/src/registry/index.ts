export * from './names.ts';
export * from './records.ts';
export * from './stages.ts';
export * from './challenge.ts';
export * from './model-card.ts';
export * from './marker.ts';
export * from './render.ts';
