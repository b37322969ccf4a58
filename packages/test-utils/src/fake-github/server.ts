// A local stand-in for GitHub's REST API serving one repository: every request, and every answer the
// fake gives to it, is checked against GitHub's published description, resources keep state like
// GitHub does, and tests can inject the faults GitHub produces. See packages/test-utils/README.md.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AssetFiles } from './asset-files.ts';
import { FaultBook, faults, type FaultAction, type FaultResponse, type FaultRule, type InjectedFault } from './faults.ts';
import { notFound, type HandlerResult } from './handler-kit.ts';
import { handlers } from './handlers.ts';
import { hostPaths } from './hosts.ts';
import { isPermitted, type TokenPermissions } from './permissions.ts';
import type { RecordedRequest, Violation } from './records.ts';
import { defaultAssetSizeLimit, drain, receiveUpload, uploadRequestProblem } from './release-uploads.ts';
import { requestChecker, type MatchedOperation } from './request-check.ts';
import { ResourceRenderer } from './resources.ts';
import { createSender, type SendOptions } from './responder.ts';
import { loadRouteTable, type ApiDescription } from './route-table.ts';
import { FakeGitHubState, type FakeUser } from './state.ts';
import { isStoragePath, serveStorage } from './storage-routes.ts';

export type { RecordedRequest, Violation } from './records.ts';

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
  /**
   * The token's `permissions:` block. Absent: everything allowed. Given: each operation needs its
   * scope (permissions.ts) at `read` for GET, `write` otherwise; unlisted scopes are `none`.
   */
  permissions?: TokenPermissions;
  /** Whom the token acts as (creator of comments, releases, deployments); github-actions[bot] by default. */
  tokenUser?: FakeUser;
  /** The repository setting "Enable release immutability". */
  immutableReleases?: boolean;
  /** Largest release asset accepted, in bytes (GitHub: under 2 GiB); tests lower it. */
  assetSizeLimit?: number;
  /** When set, requests must carry this token (`authorization: token X` or `Bearer X`), else 401. */
  token?: string;
  rateLimit?: { limit?: number; remaining?: number; resetInSeconds?: number };
  clock?: () => Date;
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
    { immutableReleases: options.immutableReleases ?? false, ...(options.tokenUser ? { tokenUser: options.tokenUser } : {}) },
  );
  const files = new AssetFiles();
  const render = new ResourceRenderer(state, loadRouteTable(description).examples);

  const send = createSender(checker, violations, () => ({
    'x-ratelimit-limit': String(rate.limit),
    'x-ratelimit-remaining': String(Math.max(0, rate.limit - rate.used)),
    'x-ratelimit-reset': String(rate.reset),
    'x-ratelimit-used': String(rate.used),
    'x-ratelimit-resource': 'core',
  }));

  const badRequest = (record: RecordedRequest, message: string): HandlerResult => {
    violations.push({ kind: 'openapi', method: record.method, path: record.path, message });
    return { status: 400, body: { message: `Fake GitHub rejected the request: ${message}`, documentation_url: 'https://docs.github.com/rest' } };
  };

  /**
   * The checks every operation passes before its handler, in GitHub's order: credentials, primary
   * rate limit, injected faults, the token's permissions, the repository. Sends the answer when one
   * of them stops the request (`reply` lets uploads drain their body first) and returns undefined;
   * otherwise returns the fault to apply after the handler (`create-then-*`), or null.
   */
  const admit = async (request: IncomingMessage, record: RecordedRequest, operation: MatchedOperation, reply: (result: HandlerResult | FaultResponse) => Promise<void>): Promise<FaultAction | null | undefined> => {
    const { method, path } = record;
    if (options.token !== undefined && !hasToken(request.headers.authorization, options.token)) {
      await reply({ status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } });
      return undefined;
    }
    // GET /rate_limit is free, as on GitHub; everything else counts against the primary limit.
    if (operation.operationId !== 'rate-limit/get') {
      if (rate.used >= rate.limit) {
        await reply(faults.primaryRateLimitExhausted(rate.reset - Math.floor(clock().getTime() / 1000), () => clock().getTime()));
        return undefined;
      }
      rate.used += 1;
    }
    const fault = faultBook.take(method, path, operation.template);
    if (fault === 'timeout') {
      await drain(request); // held open until the client gives up or the server closes
      return undefined;
    }
    if (fault !== undefined && typeof fault === 'object') {
      await reply(fault);
      return undefined;
    }
    const write = method !== 'GET' && method !== 'HEAD';
    if ((options.readOnly && write) || (options.permissions && !isPermitted(options.permissions, operation.operationId, method))) {
      await reply(faults.readOnlyToken());
      return undefined;
    }
    if (operation.params.owner !== undefined && `${operation.params.owner}/${operation.params.repo}`.toLowerCase() !== state.fullName.toLowerCase()) {
      await reply(notFound());
      return undefined;
    }
    return fault ?? null;
  };

  /** Sends the handler's answer, or, after an injected `create-then-*` fault, the 5xx or silence GitHub gives though the work is done. */
  const finish = (response: ServerResponse, record: RecordedRequest, fault: FaultAction | null, result: HandlerResult, operationId: string): void => {
    if (fault === 'create-then-timeout') return;
    if (fault === 'create-then-500' || fault === 'create-then-502') {
      return send(response, record, faults.serverError(fault === 'create-then-500' ? 500 : 502), { operationId, source: 'generic' });
    }
    send(response, record, result, { operationId, source: 'handler' });
  };

  const newRecord = (request: IncomingMessage, url: URL, body: unknown): RecordedRequest => {
    const record: RecordedRequest = {
      method: (request.method ?? 'GET').toUpperCase(), path: url.pathname, query: Object.fromEntries(url.searchParams),
      headers: request.headers, body, operationId: undefined, status: 0,
    };
    requests.push(record);
    return record;
  };

  // Uploads arrive on the upload host; the body is streamed to disk (release-uploads.ts). A POST to
  // the same path on the API root is a client bug: GitHub serves uploads only on the upload host.
  const handleUpload = async (request: IncomingMessage, response: ServerResponse, url: URL, onUploadHost: boolean): Promise<void> => {
    const record = newRecord(request, url, undefined);
    record.path = onUploadHost ? url.pathname.slice(hostPaths.uploads.length) : url.pathname.slice(apiPrefix.length);
    const reply = async (result: HandlerResult | FaultResponse, sendOptions: SendOptions = {}) => {
      await drain(request);
      send(response, record, result, sendOptions);
    };
    const check = checker.check({ method: record.method, path: record.path, query: url.searchParams, body: '' });
    record.operationId = check.operation?.operationId;
    if (!check.ok || check.operation.operationId !== 'repos/upload-release-asset') {
      return reply(badRequest(record, check.ok ? `${record.method} ${record.path} is not an upload` : check.message));
    }
    if (!onUploadHost) {
      return reply(badRequest(record, "repos/upload-release-asset is served on the upload host: POST to the release's `upload_url`, not the API root"));
    }
    const problem = uploadRequestProblem(request, url);
    if (problem) return reply(badRequest(record, problem));
    const operation = check.operation;
    const generic = { operationId: operation.operationId, source: 'generic' } as const;
    const fault = await admit(request, record, operation, (result) => reply(result, generic));
    if (fault === undefined) return;
    const result = await receiveUpload({
      request, url, releaseId: Number(operation.params.release_id), render, files,
      assetSizeLimit: options.assetSizeLimit ?? defaultAssetSizeLimit,
      leaveStarter: fault === 'create-then-500' || fault === 'create-then-502',
    });
    if (result !== undefined) finish(response, record, fault, result, operation.operationId);
  };

  const handleApi = async (request: IncomingMessage, response: ServerResponse, url: URL, rawBody: string): Promise<void> => {
    const record = newRecord(request, url, parseBody(rawBody));
    const { method } = record;
    if (!url.pathname.startsWith(`${apiPrefix}/`)) {
      violations.push({ kind: 'outside-api', method, path: url.pathname, message: `request outside the API root ${apiPrefix || '/'}` });
      return send(response, record, notFound());
    }
    // GitHub's own pagination links use the `/repositories/{id}` alias.
    const path = url.pathname.slice(apiPrefix.length).replace(new RegExp(`^/repositories/${state.repository.id}(?=/)`), `/repos/${state.fullName}`);
    record.path = path;

    const check = checker.check({ method, path, query: url.searchParams, body: rawBody });
    record.operationId = check.operation?.operationId;
    if (!check.ok) return send(response, record, badRequest(record, check.message));
    const operation = check.operation;
    // From here on every answer is checked against the operation's documented responses.
    const generic = { operationId: operation.operationId, source: 'generic' } as const;
    const fault = await admit(request, record, operation, async (result) => send(response, record, result, generic));
    if (fault === undefined) return;
    const handler = handlers[operation.operationId];
    if (!handler) {
      const message = `${operation.operationId} (${method} ${operation.template}) is valid for GitHub but not implemented by the fake`;
      violations.push({ kind: 'unimplemented', method, path, message });
      return send(response, record, { status: 501, body: { message } });
    }
    const result = handler({
      state, render, files, params: operation.params, url, headers: request.headers, rate,
      body: (record.body ?? {}) as Record<string, unknown>,
      artifactBlobUrl: (id) => `${origin}${hostPaths.artifactBlobs}${id}`,
      assetDownloadUrl: (id) => `${origin}${hostPaths.assetDownloads}${id}`,
    });
    finish(response, record, fault, result, operation.operationId);
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith(`${hostPaths.uploads}/`)) return handleUpload(request, response, url, true);
    if (request.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/releases\/\d+\/assets\/?$/.test(url.pathname.slice(apiPrefix.length))) {
      return handleUpload(request, response, url, false);
    }
    if (isStoragePath(url.pathname)) {
      await drain(request);
      return serveStorage({ state, files, faultBook, send }, newRecord(request, url, undefined), response, url);
    }
    // Every other body is JSON of a few KB at most: read whole.
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return handleApi(request, response, url, Buffer.concat(chunks).toString('utf8'));
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    route(request, response).catch((error: unknown) => {
      // A bug in the fake must be loud, not look like a GitHub 500.
      violations.push({ kind: 'unimplemented', method: request.method ?? '', path: request.url ?? '', message: `fake GitHub crashed: ${String(error)}` });
      if (!response.headersSent) response.writeHead(599).end();
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
        server.close(() => {
          files.removeAll();
          resolve();
        });
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
