// What the fake remembers of the traffic it served: every request, and every way a request or the
// fake's own answer broke GitHub's REST description.
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
