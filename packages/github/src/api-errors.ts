import { errorMessage, oneLine } from '@modelgate/core';

interface ResponseLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  request?: { method?: string; url?: string };
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as ResponseLike | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function header(error: unknown, name: string): string | undefined {
  return (error as ResponseLike | null)?.response?.headers?.[name];
}

/** 403/429 that GitHub labels a secondary rate limit: transient, never a permission problem. */
export function isSecondaryRateLimit(error: unknown): boolean {
  const status = httpStatus(error);
  return (status === 403 || status === 429) && /secondary rate/i.test(errorMessage(error));
}

/** 403/429 with no requests left in the primary limit. */
export function isPrimaryRateLimit(error: unknown): boolean {
  const status = httpStatus(error);
  return (status === 403 || status === 429) && header(error, 'x-ratelimit-remaining') === '0';
}

/**
 * The token may not do this: a fork PR's read-only GITHUB_TOKEN, or missing `permissions:`.
 * GitHub answers 403 ("Resource not accessible by integration") or 404 for writes it refuses.
 * Rate limits are 403 too and are excluded.
 */
export function isPermissionDenied(error: unknown): boolean {
  const status = httpStatus(error);
  return (status === 403 || status === 404) && !isSecondaryRateLimit(error) && !isPrimaryRateLimit(error);
}

/** 5xx, or no answer at all (timeout, reset): the request may or may not have taken effect. */
export function isUncertainOutcome(error: unknown): boolean {
  const status = httpStatus(error);
  if (status === undefined) return true;
  return status >= 500 || /aborted|timeout|timed out|ECONNRESET|socket hang up/i.test(errorMessage(error));
}

/** One line for an API failure: what was called, the status, GitHub's message, and the rate-limit reset when that is the cause. */
export function describeApiError(error: unknown, action: string): string {
  const status = httpStatus(error);
  if (isPrimaryRateLimit(error)) {
    const reset = Number(header(error, 'x-ratelimit-reset'));
    const when = Number.isFinite(reset) && reset > 0 ? `; it resets at ${new Date(reset * 1000).toISOString().slice(11, 19)} UTC` : '';
    const resource = header(error, 'x-ratelimit-resource') ?? 'core';
    return `${action}: GitHub API rate limit exhausted (${resource})${when}`;
  }
  const details = validationDetails(error);
  return `${action}: ${status ? `HTTP ${status} ` : ''}${oneLine(errorMessage(error)).replace(/ - https:\/\/docs\.github\.com\S*/, '')}${details}`;
}

function validationDetails(error: unknown): string {
  const data = (error as ResponseLike | null)?.response?.data as { errors?: Array<{ message?: string }> } | undefined;
  const messages = data?.errors?.map((e) => e.message).filter((m): m is string => typeof m === 'string') ?? [];
  return messages.length > 0 && !messages.every((m) => errorMessage(error).includes(m)) ? ` (${messages.join('; ')})` : '';
}

/** A comment body GitHub refused as too long (422). */
export function isBodyTooLong(error: unknown): boolean {
  return httpStatus(error) === 422 && /too long/i.test(`${errorMessage(error)} ${JSON.stringify((error as ResponseLike | null)?.response?.data ?? '')}`);
}
