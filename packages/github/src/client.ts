import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
// The throttling plugin's own limiter library; imported to space writes at our chosen interval.
import Bottleneck from 'bottleneck/light.js';
// The same undici @actions/http-client already bundles.
import { fetch as undiciFetch } from 'undici';
import { envProxyAgent } from './proxy-agent.ts';

// Composed once, here: retries for 5xx and timeouts, throttling for rate limits (octokit plugins).
const ModelgateOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof ModelgateOctokit>;

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
}

export interface ClientOptions {
  token: string;
  /** REST root; GITHUB_API_URL on the runner (GitHub Enterprise Server: https://HOST/api/v3). */
  baseUrl?: string;
  log: Logger;
  /** Per-request timeout; a timed-out request is retried like a 5xx. Default: MODELGATE_API_TIMEOUT_MS, else 30 s. */
  timeoutMs?: number;
  /** Wait for an exhausted primary rate limit only when it resets within this many seconds. */
  maxRateLimitWaitSeconds?: number;
  /** How many times a secondary rate limit is waited out before giving up. */
  secondaryRateLimitRetries?: number;
  /**
   * Scale of every wait, in ms per second of `retry-after`; writes are spaced by one unit (tests
   * shrink it). Default: MODELGATE_API_RETRY_BASE_MS, else 1000.
   */
  retryBaseMs?: number;
  userAgent?: string;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY and the MODELGATE_API_* knobs are read (process.env by default). */
  env?: Record<string, string | undefined>;
}

let clientCount = 0;

/** A tuning knob from the environment: its number when positive, else undefined (the default applies). */
export function positiveEnv(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = Number(env[name]);
  return value > 0 ? value : undefined;
}

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const { log } = options;
  const env = options.env ?? process.env;
  // Tuning knobs (documented in the README), for tests and slow networks.
  const timeoutMs = options.timeoutMs ?? positiveEnv(env, 'MODELGATE_API_TIMEOUT_MS') ?? 30_000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const secondaryRetries = options.secondaryRateLimitRetries ?? 3;
  const base = options.retryBaseMs ?? positiveEnv(env, 'MODELGATE_API_RETRY_BASE_MS') ?? 1000;
  return new ModelgateOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: options.userAgent ?? 'modelgate',
    // Octokit's own request log is noise in a step log; failures surface through our messages.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: { fetch: fetchWithTimeout(timeoutMs, proxyFetch(env)) },
    // 429 is the throttling plugin's to wait out (bounded); retrying it here too would multiply the attempts.
    retry: { retryAfterBaseValue: base, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      // The plugin's limiter groups are module-wide; a key per client keeps clients independent.
      id: `modelgate-${++clientCount}`,
      retryAfterBaseValue: base,
      // GitHub asks for content-creating requests to be at least one second apart.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: base }),
      // ... and requests that notify people (comments) three seconds apart, as the plugin does.
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * base }),
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        if (retryCount < 1 && retryAfter <= maxWait) {
          log.warning(`GitHub API rate limit exhausted; waiting ${retryAfter} s for it to reset (${request.method} ${request.url})`);
          return true;
        }
        return false;
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        if (retryCount < secondaryRetries && retryAfter <= maxWait) {
          log.warning(`GitHub secondary rate limit; retrying in ${retryAfter} s (${request.method} ${request.url}, attempt ${retryCount + 1} of ${secondaryRetries})`);
          return true;
        }
        return false;
      },
    },
  });
}

// A request that brings its own signal (a streamed asset transfer, which may take minutes and is
// bounded by an idle timeout instead) is left to it; every other request gets `timeoutMs`.
function fetchWithTimeout(timeoutMs: number, base: typeof fetch): typeof fetch {
  return (input, init) => base(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

/** Global fetch, or undici's fetch through the proxy the environment names (NO_PROXY honoured). */
function proxyFetch(env: Record<string, string | undefined>): typeof fetch {
  const dispatcher = envProxyAgent(env);
  if (!dispatcher) return fetch;
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}
