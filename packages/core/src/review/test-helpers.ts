// Builders shared by this folder's tests (not exported from the package).
import { snapshotFromDocument } from '../metrics/snapshot.ts';
import { parseWith } from '../parse.ts';
import { configSchema, type Config } from './config.ts';

export const snap = (document: Record<string, unknown>) => snapshotFromDocument(document);
export const config = (document: unknown = {}): Config => parseWith(configSchema, document, 'modelgate.yml');
