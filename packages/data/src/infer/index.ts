export { inferSchema, type InferOptions } from './infer-schema.ts';
export { MAX_CATEGORIES } from './column-profile.ts';
export { schemaText } from './schema-text.ts';
