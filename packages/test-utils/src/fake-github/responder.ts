// Writes the fake's answers: GitHub's headers (request id, API version, rate limit) and a JSON or
// raw body, after checking an operation's answer against the REST description.
import type { ServerResponse } from 'node:http';
import type { FaultResponse } from './faults.ts';
import type { HandlerResult } from './handler-kit.ts';
import type { RecordedRequest, Violation } from './records.ts';
import type { RequestChecker, ResponseSource } from './request-check.ts';

export interface SendOptions {
  /** The API's headers (request id aside); false for the storage hosts (artifact zips, asset bytes). */
  withRateHeaders?: boolean;
  /** Check the answer against this operation's documented responses (absent: not an operation's answer). */
  operationId?: string;
  /** Who produced the answer, which decides the statuses allowed (see RequestChecker.checkResponse). */
  source?: ResponseSource;
}

export type Send = (response: ServerResponse, record: RecordedRequest, result: HandlerResult | FaultResponse, options?: SendOptions) => void;

export function createSender(checker: RequestChecker, violations: Violation[], rateHeaders: () => Record<string, string>): Send {
  let requestCounter = 0;
  return (response, record, result, sendOptions = {}) => {
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
}
