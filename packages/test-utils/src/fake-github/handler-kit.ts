// What every handler module shares: the context a handler gets, its result, GitHub's error bodies
// and list pagination.
import type { AssetFiles } from './asset-files.ts';
import { paginate } from './pagination.ts';
import type { ResourceRenderer } from './resources.ts';
import type { FakeGitHubState } from './state.ts';

export interface HandlerContext {
  state: FakeGitHubState;
  render: ResourceRenderer;
  params: Record<string, string>;
  /** Full request URL, for pagination links. */
  url: URL;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** URL (on the same server) that serves an artifact's zip bytes, like GitHub's signed blob URL. */
  artifactBlobUrl(artifactId: number): string;
  /** URL (on the same server) that streams a release asset's bytes, like GitHub's signed download URL. */
  assetDownloadUrl(assetId: number): string;
  /** Release asset bytes on disk. */
  files: AssetFiles;
  /** The primary rate limit counters, for GET /rate_limit. */
  rate: { limit: number; used: number; reset: number };
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON. */
  raw?: Uint8Array;
}

export type Handler = (context: HandlerContext) => HandlerResult;

export const docs = 'https://docs.github.com/rest';

export function notFound(documentation = docs): HandlerResult {
  return { status: 404, body: { message: 'Not Found', documentation_url: documentation, status: '404' } };
}

export interface ValidationErrorEntry {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
}

/** GitHub's 422 "Validation Failed" with its `errors` entries. */
export function validationFailed(documentation: string, ...errors: ValidationErrorEntry[]): HandlerResult {
  return { status: 422, body: { message: 'Validation Failed', errors, documentation_url: documentation, status: '422' } };
}

/** A 422 that GitHub sends as a plain message (no `errors`). */
export function unprocessable(message: string, documentation: string): HandlerResult {
  return { status: 422, body: { message, documentation_url: documentation, status: '422' } };
}

export function list<T>(context: HandlerContext, items: readonly T[], render: (item: T) => unknown, wrap?: string): HandlerResult {
  const alias = context.url.pathname.replace(/\/repos\/[^/]+\/[^/]+\//, `/repositories/${context.state.repository.id}/`);
  const page = paginate(items, context.url, alias);
  const body = wrap ? { total_count: items.length, [wrap]: page.items.map(render) } : page.items.map(render);
  return { status: 200, body, headers: page.link ? { link: page.link } : {} };
}

export const newestFirst = <T extends { id: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => b.id - a.id);
