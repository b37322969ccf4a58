// Fault injection: make the fake answer some requests the way GitHub misbehaves in practice.

export interface FaultResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * - a response object: answered instead of the real handler;
 * - `'create-then-500'` / `'create-then-502'`: the request IS carried out (a comment exists
 *   afterwards) and then answered with that 5xx, as GitHub sometimes does;
 * - `'timeout'`: never answered (the client must time out); `'create-then-timeout'` carries it out first.
 */
export type FaultAction = FaultResponse | 'create-then-500' | 'create-then-502' | 'timeout' | 'create-then-timeout';

export interface FaultRule {
  /** HTTP method; any when absent. */
  method?: string;
  /**
   * An operation's path template (`/repos/{owner}/{repo}/issues/{issue_number}/comments`), an exact
   * path, or a RegExp on the path (artifact zip downloads are served under `/_fake/artifact-blobs/ID`).
   * Any when absent.
   */
  path?: string | RegExp;
  /** How many matching requests to affect (default 1; `Infinity` for all). */
  times?: number;
  respond: FaultAction;
}

export interface InjectedFault {
  /** Requests this fault has answered so far. */
  readonly hits: number;
  /** Matching requests it will still affect. */
  readonly remaining: number;
}

export class FaultBook {
  readonly #rules: { rule: FaultRule; hits: number }[] = [];

  add(rule: FaultRule): InjectedFault {
    const entry = { rule, hits: 0 };
    this.#rules.push(entry);
    const times = rule.times ?? 1;
    return {
      get hits() { return entry.hits; },
      get remaining() { return Math.max(0, times - entry.hits); },
    };
  }

  /** The first rule with uses left that matches; using it counts one hit. */
  take(method: string, path: string, template: string | undefined): FaultAction | undefined {
    for (const entry of this.#rules) {
      const { rule } = entry;
      if (entry.hits >= (rule.times ?? 1)) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined && !pathMatches(rule.path, path, template)) continue;
      entry.hits += 1;
      return rule.respond;
    }
    return undefined;
  }
}

function pathMatches(pattern: string | RegExp, path: string, template: string | undefined): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  return pattern === template || pattern === path;
}

const rateLimitDocs = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** Ready-made faults with the status, headers and messages GitHub sends. */
export const faults = {
  /** 403 (or 429) + `retry-after`, as a burst of writes gets. */
  secondaryRateLimit(retryAfterSeconds = 1, status: 403 | 429 = 403): FaultResponse {
    return {
      status,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
        documentation_url: `${rateLimitDocs}#about-secondary-rate-limits`,
        status: String(status),
      },
    };
  },
  /** The primary limit used up: `x-ratelimit-remaining: 0` and a reset `resetInSeconds` from `now`. */
  primaryRateLimitExhausted(resetInSeconds = 60, now: () => number = Date.now): FaultResponse {
    return {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(now() / 1000) + resetInSeconds) },
      body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: `${rateLimitDocs}#about-the-primary-rate-limit`, status: '403' },
    };
  },
  /** What a fork PR's read-only `GITHUB_TOKEN` gets on a write. */
  readOnlyToken(): FaultResponse {
    return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' } };
  },
  serverError(status = 500): FaultResponse {
    return { status, body: { message: status === 502 ? 'Server Error' : 'Internal Server Error', status: String(status) } };
  },
};
