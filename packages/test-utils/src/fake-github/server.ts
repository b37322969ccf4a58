// A local stand-in for GitHub's REST API serving one repository: every request, and every answer the
// fake gives to it, is checked against GitHub's published description, resources keep state like
// GitHub does, and tests can inject the faults GitHub produces. See packages/test-utils/README.md.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultBook, faults, type FaultAction, type FaultResponse, type FaultRule, type InjectedFault } from './faults.ts';
import { handlers, notFound, type HandlerResult } from './handlers.ts';
import { requestChecker, type ResponseSource } from './request-check.ts';
import { ResourceRenderer } from './resources.ts';
import { loadRouteTable, type ApiDescription } from './route-table.ts';
import { FakeGitHubState } from './state.ts';

export interface FakeGitHubOptions {
  /** Repository served (defaults match the `@octokit/webhooks-examples` payloads). */
  owner?: string;
  repo?: string;
  repositoryId?: number;
  defaultBranch?: string;
  /** Description requests are checked against; a `ghes-*` one also serves under `/api/v3` like GHES. */
  description?: ApiDescription;
  /** Every write answered 403 "Resource not accessible by integration", as for a fork PR's token. */
  readOnly?: boolean;
  /** When set, requests must carry this token (`authorization: token X` or `Bearer X`), else 401. */
  token?: string;
  rateLimit?: { limit?: number; remaining?: number; resetInSeconds?: number };
  clock?: () => Date;
}

export interface RecordedRequest {
  method: string;
  /** Path relative to the API root (GHES prefix removed), without query. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, raw text when not JSON, undefined when empty. */
  body: unknown;
  operationId: string | undefined;
  status: number;
}

export interface Violation {
  /**
   * `openapi`: the request broke GitHub's description; `response`: the fake answered with a status or
   * JSON body GitHub's description does not allow for the operation; `unimplemented`: an operation
   * the fake lacks (or a crash of the fake); `outside-api`: a request outside the API root.
   */
  kind: 'openapi' | 'response' | 'unimplemented' | 'outside-api';
  method: string;
  path: string;
  message: string;
  /** For `response`: the operation answered and the status sent. */
  operationId?: string;
  status?: number;
}

export interface FakeGitHub {
  /** API root to use as `GITHUB_API_URL` / octokit `baseUrl`. */
  url: string;
  /** Web root to use as `GITHUB_SERVER_URL`. */
  serverUrl: string;
  requests: RecordedRequest[];
  violations: Violation[];
  state: FakeGitHubState;
  inject(rule: FaultRule): InjectedFault;
  close(): Promise<void>;
}

const blobPrefix = '/_fake/artifact-blobs/';

interface SendOptions {
  /** The API's headers (request id aside); false for the artifact blob host. */
  withRateHeaders?: boolean;
  /** Check the answer against this operation's documented responses (absent: not an operation's answer). */
  operationId?: string;
  /** Who produced the answer, which decides the statuses allowed (see RequestChecker.checkResponse). */
  source?: ResponseSource;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const description = options.description ?? 'api.github.com';
  const apiPrefix = description.startsWith('ghes-') ? '/api/v3' : '';
  const checker = requestChecker(description); // loads the description before the first request
  const clock = options.clock ?? (() => new Date());
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const faultBook = new FaultBook();
  // GITHUB_TOKEN's primary limit: 1,000 requests per hour per repository.
  const limit = options.rateLimit?.limit ?? 1000;
  const rate = {
    limit,
    used: limit - (options.rateLimit?.remaining ?? limit),
    reset: Math.floor(clock().getTime() / 1000) + (options.rateLimit?.resetInSeconds ?? 3600),
  };
  let requestCounter = 0;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state = new FakeGitHubState(
    {
      owner: options.owner ?? 'Codertocat',
      repo: options.repo ?? 'Hello-World',
      id: options.repositoryId ?? 186853002,
      apiUrl: `${origin}${apiPrefix}`,
      serverUrl: origin,
      defaultBranch: options.defaultBranch ?? 'main',
    },
    clock,
  );
  const render = new ResourceRenderer(state, loadRouteTable(description).examples);

  const rateHeaders = (): Record<string, string> => ({
    'x-ratelimit-limit': String(rate.limit),
    'x-ratelimit-remaining': String(Math.max(0, rate.limit - rate.used)),
    'x-ratelimit-reset': String(rate.reset),
    'x-ratelimit-used': String(rate.used),
    'x-ratelimit-resource': 'core',
  });

  const send = (response: ServerResponse, record: RecordedRequest, result: HandlerResult | FaultResponse, sendOptions: SendOptions = {}): void => {
    const { withRateHeaders = true, operationId, source = 'handler' } = sendOptions;
    record.status = result.status;
    const headers: Record<string, string> = {
      'x-github-request-id': `FAKE:${(++requestCounter).toString(16).toUpperCase()}`,
      ...(withRateHeaders ? { 'x-github-api-version-selected': '2022-11-28', 'x-github-media-type': 'github.v3; format=json', ...rateHeaders() } : {}),
      ...result.headers,
    };
    const raw = 'raw' in result ? result.raw : undefined;
    const text = raw || result.body === undefined ? undefined : JSON.stringify(result.body);
    if (operationId !== undefined) {
      // What the client will parse, not the handler's object (undefined fields vanish, dates become strings...).
      const checked = { status: result.status, body: text === undefined ? undefined : JSON.parse(text) as unknown, raw: raw !== undefined };
      const problem = checker.checkResponse(operationId, checked, source);
      if (problem) violations.push({ kind: 'response', method: record.method, path: record.path, message: problem, operationId, status: result.status });
    }
    if (raw) {
      response.writeHead(result.status, { 'content-type': 'application/octet-stream', ...headers, 'content-length': String(raw.byteLength) });
      response.end(raw);
    } else if (text === undefined) {
      response.writeHead(result.status, headers);
      response.end();
    } else {
      response.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...headers, 'content-length': String(Buffer.byteLength(text)) });
      response.end(text);
    }
  };

  const handle = (request: IncomingMessage, response: ServerResponse, rawBody: string): void => {
    const url = new URL(request.url ?? '/', origin);
    const method = (request.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = {
      method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers,
      body: parseBody(rawBody), operationId: undefined, status: 0,
    };
    requests.push(record);

    if (url.pathname.startsWith(blobPrefix)) {
      const artifact = state.artifacts.find((candidate) => String(candidate.id) === url.pathname.slice(blobPrefix.length));
      record.operationId = 'artifact-blob';
      const blobFault = faultBook.take(method, url.pathname, undefined);
      if (blobFault === 'timeout') return;
      if (blobFault !== undefined && typeof blobFault === 'object') {
        send(response, record, blobFault, { withRateHeaders: false });
        return;
      }
      // Like GitHub's signed blob URLs: no API headers, zip bytes or a plain 404.
      send(response, record, artifact ? { status: 200, raw: artifact.zip, headers: { 'content-type': 'application/zip' } } : { status: 404, body: { message: 'BlobNotFound' } }, { withRateHeaders: false });
      return;
    }
    if (!url.pathname.startsWith(`${apiPrefix}/`)) {
      violations.push({ kind: 'outside-api', method, path: url.pathname, message: `request outside the API root ${apiPrefix || '/'}` });
      send(response, record, notFound());
      return;
    }
    // GitHub's own pagination links use the `/repositories/{id}` alias.
    const path = url.pathname.slice(apiPrefix.length).replace(new RegExp(`^/repositories/${state.repository.id}(?=/)`), `/repos/${state.fullName}`);
    record.path = path;

    const check = checker.check({ method, path, query: url.searchParams, body: rawBody });
    record.operationId = check.operation?.operationId;
    if (!check.ok) {
      violations.push({ kind: 'openapi', method, path, message: check.message });
      send(response, record, { status: 400, body: { message: `Fake GitHub rejected the request: ${check.message}`, documentation_url: 'https://docs.github.com/rest' } });
      return;
    }
    const operation = check.operation;
    // From here on every answer is checked against the operation's documented responses.
    const generic = { operationId: operation.operationId, source: 'generic' } as const;
    if (options.token !== undefined && !hasToken(request.headers.authorization, options.token)) {
      send(response, record, { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } }, generic);
      return;
    }
    // GET /rate_limit is free, as on GitHub; everything else counts against the primary limit.
    if (operation.operationId !== 'rate-limit/get') {
      if (rate.used >= rate.limit) {
        send(response, record, faults.primaryRateLimitExhausted(rate.reset - Math.floor(clock().getTime() / 1000), () => clock().getTime()), generic);
        return;
      }
      rate.used += 1;
    }

    const fault: FaultAction | undefined = faultBook.take(method, path, operation.template);
    if (fault === 'timeout') return; // held open until the client gives up or the server closes
    if (fault !== undefined && typeof fault === 'object') {
      send(response, record, fault, generic);
      return;
    }
    if (options.readOnly && method !== 'GET' && method !== 'HEAD') {
      send(response, record, faults.readOnlyToken(), generic);
      return;
    }
    if (operation.params.owner !== undefined && `${operation.params.owner}/${operation.params.repo}`.toLowerCase() !== state.fullName.toLowerCase()) {
      send(response, record, notFound(), generic);
      return;
    }
    const handler = handlers[operation.operationId];
    if (!handler) {
      const message = `${operation.operationId} (${method} ${operation.template}) is valid for GitHub but not implemented by the fake`;
      violations.push({ kind: 'unimplemented', method, path, message });
      send(response, record, { status: 501, body: { message } });
      return;
    }
    const result = handler({
      state, render, params: operation.params, url, headers: request.headers, rate,
      body: (record.body ?? {}) as Record<string, unknown>,
      artifactBlobUrl: (id) => `${origin}${blobPrefix}${id}`,
    });
    if (fault === 'create-then-timeout') return;
    if (fault === 'create-then-500' || fault === 'create-then-502') {
      send(response, record, faults.serverError(fault === 'create-then-500' ? 500 : 502), generic);
      return;
    }
    send(response, record, result, { operationId: operation.operationId, source: 'handler' });
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        handle(request, response, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        // A bug in the fake must be loud, not look like a GitHub 500.
        violations.push({ kind: 'unimplemented', method: request.method ?? '', path: request.url ?? '', message: `fake GitHub crashed: ${String(error)}` });
        if (!response.headersSent) response.writeHead(599).end();
      }
    });
  });

  return {
    url: `${origin}${apiPrefix}`,
    serverUrl: origin,
    requests,
    violations,
    state,
    inject: (rule) => faultBook.add(rule),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function hasToken(header: string | undefined, token: string): boolean {
  return header === `token ${token}` || header === `Bearer ${token}` || header === `bearer ${token}`;
}
