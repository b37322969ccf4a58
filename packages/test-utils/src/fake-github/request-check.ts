// Checks HTTP exchanges against GitHub's REST description. A request: the method and path must name
// an operation, every query parameter must be declared for it, and a JSON body must satisfy its
// schema. A response the fake gives to such a request: its status must be one GitHub sends for the
// operation, and its JSON body must satisfy the schema documented for that status.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { basicErrorSchema, definitionsSchemaId, loadRouteTable, type ApiDescription, type JsonSchema, type OperationEntry, type RouteTable } from './route-table.ts';

export interface MatchedOperation {
  operationId: string;
  template: string;
  /** Decoded path parameters. */
  params: Record<string, string>;
}

export type RequestCheck = { ok: true; operation: MatchedOperation } | { ok: false; operation?: MatchedOperation; message: string };

export interface CheckedRequest {
  method: string;
  /** Path relative to the API root, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Raw body text; empty when none was sent. */
  body: string;
}

/**
 * Who produced a response; their statuses are judged differently (see `checkResponse`):
 * - `handler`: the fake's model of the operation itself (handlers.ts);
 * - `generic`: answers that imitate GitHub's behaviour across all operations rather than one
 *   operation's semantics: faults injected by a test (faults.ts / `inject`), the read-only token's
 *   403, the exhausted primary rate limit, bad credentials, another repository's 404.
 */
export type ResponseSource = 'handler' | 'generic';

export interface CheckedResponse {
  status: number;
  /** The JSON body as the client receives it (parsed back from the sent text); undefined when none. */
  body: unknown;
  /** True when the body is raw bytes (e.g. a file under the raw media type), not JSON. */
  raw?: boolean;
}

/**
 * Statuses GitHub may answer on any operation, whether or not the description lists them for it:
 * GitHub's REST guides (not the per-operation description) document them for every endpoint.
 * 401 bad credentials; 403 primary/secondary rate limit and "Resource not accessible by
 * integration"; 404 a resource that does not exist or the token cannot see; 429 secondary rate
 * limit; 500/502/503/504 server errors. Where the description does document one of these
 * (components.responses `requires_authentication`, `forbidden`, `not_found`, `internal_error`) its
 * schema is basic-error, so an undocumented one is checked against basic-error too.
 */
const crossCuttingStatuses = new Set([401, 403, 404, 429, 500, 502, 503, 504]);

/**
 * The one cross-cutting status a handler may answer although the operation does not document it:
 * 404 for a resource that does not exist. GitHub's description omits 404 from many operations that
 * certainly send it (checks/get, checks/update, issues/update-comment, issues/delete-comment,
 * actions/get-workflow-run, actions/get-artifact, actions/download-artifact with an unknown id), a
 * gap in the description, not a GitHub behaviour the fake invents. Any other status a handler gives
 * must be documented for its operation: handlers model the operation, not outages or rate limits.
 */
const handlerUndocumentedStatuses = new Set([404]);

/**
 * Statuses GitHub sends on one operation although its description omits them there, each with the
 * evidence, checked against validation-error. Kept to what a model registry meets:
 * - repos/update-release 422: publishing a draft whose tag a published release holds ("already_exists"),
 *   and changing an immutable release's tag or state ("state cannot be changed when release is
 *   immutable", reported by users of `gh release edit`);
 * - repos/delete-release-asset 422: an asset of an immutable release ("Validation Failed",
 *   "Cannot delete asset from an immutable release", seen by softprops/action-gh-release users).
 * - actions/create-workflow-dispatch 422: "No ref found for: X", "Workflow does not have
 *   'workflow_dispatch' trigger", "Unexpected inputs provided: [...]", "Required input 'x' not
 *   provided" (quoted in the issues of benc-uk/workflow-dispatch, convictional/trigger-workflow-and-wait,
 *   peter-evans/slash-command-dispatch, plain messages without `errors`).
 */
const statusesMissingFromDescription: Record<string, ReadonlySet<number>> = {
  'repos/update-release': new Set([422]),
  'repos/delete-release-asset': new Set([422]),
  'actions/create-workflow-dispatch': new Set([422]),
};

const validationErrorSchema = 'validation-error';

/** How many of ajv's errors a response violation quotes. */
const quotedErrors = 3;

interface CompiledRoute {
  entry: OperationEntry;
  pattern: RegExp;
  paramNames: string[];
  /** Literal segments: the most specific template wins (`/runs/{id}` loses to `/runs/latest`-style literals). */
  literalCount: number;
}

// Parameters that GitHub allows to span slashes (file paths, branch names) when they end the template.
const greedyParams = new Set(['path', 'ref', 'dir', 'tag']);

export class RequestChecker {
  readonly #routes = new Map<string, CompiledRoute[]>();
  readonly #ajv: Ajv;
  readonly #queryAjv: Ajv;
  readonly #bodyValidators = new Map<string, ValidateFunction>();
  readonly #queryValidators = new Map<string, ValidateFunction>();
  /** `${operationId} ${status}` -> validator, compiled on the first response of that kind. */
  readonly #responseValidators = new Map<string, ValidateFunction>();
  readonly #operations = new Map<string, OperationEntry>();

  constructor(table: RouteTable) {
    for (const entry of table.operations) {
      this.#operations.set(entry.operationId, entry);
      const route = compileTemplate(entry);
      const list = this.#routes.get(entry.method) ?? [];
      list.push(route);
      this.#routes.set(entry.method, list);
    }
    for (const list of this.#routes.values()) list.sort((a, b) => b.literalCount - a.literalCount);
    // OpenAPI 3.0 is not quite JSON Schema: unknown keywords and formats are ignored, not errors.
    // `inlineRefs: false` compiles each shared component (simple-user, repository...) once instead of
    // inlining it at every use: compiling pull-request's response schema takes ~35 ms instead of ~85.
    const options = { strict: false, validateSchema: false, allErrors: true, inlineRefs: false, logger: false as const, formats: dateTimeFormats };
    this.#ajv = new Ajv(options);
    this.#queryAjv = new Ajv({ ...options, coerceTypes: true });
    for (const ajv of [this.#ajv, this.#queryAjv]) ajv.addSchema({ $id: definitionsSchemaId, definitions: table.definitions });
  }

  check(request: CheckedRequest): RequestCheck {
    const found = this.match(request.method, request.path);
    if (!found) return { ok: false, message: `no operation in GitHub's REST description matches ${request.method} ${request.path}` };
    const operation = { operationId: found.route.entry.operationId, template: found.route.entry.template, params: found.params };
    const queryProblem = this.#checkQuery(found.route.entry, request.query);
    if (queryProblem) return { ok: false, operation, message: queryProblem };
    const bodyProblem = this.#checkBody(found.route.entry, request);
    if (bodyProblem) return { ok: false, operation, message: bodyProblem };
    return { ok: true, operation };
  }

  /**
   * A response to a request that `check` accepted for `operationId`; a message when it is not one
   * GitHub would send. The rule:
   * - a status the operation documents: a JSON body must satisfy the schema documented for it
   *   (error statuses too: basic-error, validation-error...); a success or redirect documented
   *   without a JSON body (204, 302, 304) must come without one, an error documented without one is
   *   checked as validation-error (422) or basic-error;
   * - a status in `statusesMissingFromDescription` for the operation, from a handler: validation-error;
   * - an undocumented status is a violation, except the cross-cutting ones above: any of them from
   *   a `generic` source (so tests may inject a secondary rate limit, 429 or a 5xx anywhere, as
   *   GitHub sends them anywhere), only 404 from a handler. Those bodies must be basic-error.
   * Raw (non-JSON) bodies have their status checked only.
   */
  checkResponse(operationId: string, response: CheckedResponse, source: ResponseSource): string | undefined {
    const entry = this.#operations.get(operationId);
    if (!entry) return `no operation ${operationId} in GitHub's REST description`;
    const key = String(response.status);
    const documented = Object.hasOwn(entry.responses, key);
    let schema: JsonSchema | null;
    let checkedAs = '';
    if (documented) {
      schema = entry.responses[key]!;
      // Some error statuses are documented by a sentence alone ("Response if you upload an asset with
      // the same filename..."); GitHub still sends its usual error body with them.
      if (schema === null && response.status >= 400 && response.body !== undefined) {
        checkedAs = response.status === 422 ? validationErrorSchema : basicErrorSchema;
        schema = definitionRef(checkedAs);
      }
    } else if (source === 'handler' && statusesMissingFromDescription[operationId]?.has(response.status)) {
      checkedAs = validationErrorSchema;
      schema = definitionRef(checkedAs);
    } else {
      const allowed = source === 'handler' ? handlerUndocumentedStatuses : crossCuttingStatuses;
      if (!allowed.has(response.status)) {
        const statuses = Object.keys(entry.responses);
        return `status ${key} is not documented for ${operationId} (documented: ${statuses.length ? statuses.join(', ') : 'none'})`;
      }
      checkedAs = basicErrorSchema;
      schema = definitionRef(checkedAs);
    }
    if (response.raw) return undefined;
    if (schema === null) {
      return response.body === undefined ? undefined : `${operationId} documents no JSON body for status ${key}, but one was sent`;
    }
    if (response.body === undefined) return `${operationId} documents a JSON body for status ${key}, but none was sent`;
    const validatorKey = `${operationId} ${key} ${checkedAs}`;
    let validate = this.#responseValidators.get(validatorKey);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#responseValidators.set(validatorKey, validate);
    }
    if (validate(response.body)) return undefined;
    return `response ${key} of ${operationId}${checkedAs ? ` (checked as ${checkedAs})` : ''}: ${describeErrors(validate.errors ?? [])}`;
  }

  match(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
    for (const route of this.#routes.get(method.toUpperCase()) ?? []) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, index) => {
        params[name] = decodeURIComponent(m[index + 1]!);
      });
      return { route, params };
    }
    return undefined;
  }

  #checkQuery(entry: OperationEntry, query: URLSearchParams): string | undefined {
    const values: Record<string, string | string[]> = {};
    for (const name of new Set(query.keys())) {
      if (!(name in entry.query)) {
        const declared = Object.keys(entry.query);
        return `query parameter "${name}" is not declared for ${entry.operationId} (declared: ${declared.length ? declared.join(', ') : 'none'})`;
      }
      const all = query.getAll(name);
      values[name] = all.length === 1 ? all[0]! : all;
    }
    if (Object.keys(values).length === 0) return undefined;
    let validate = this.#queryValidators.get(entry.operationId);
    if (!validate) {
      validate = this.#queryAjv.compile({ type: 'object', properties: entry.query });
      this.#queryValidators.set(entry.operationId, validate);
    }
    return validate(values) ? undefined : `query of ${entry.operationId}: ${this.#queryAjv.errorsText(validate.errors, { dataVar: 'query' })}`;
  }

  #checkBody(entry: OperationEntry, request: CheckedRequest): string | undefined {
    const hasBody = request.body.trim().length > 0;
    if (!entry.body) return hasBody ? `${entry.operationId} takes no request body` : undefined;
    if (!hasBody) return entry.body.required ? `${entry.operationId} requires a JSON request body` : undefined;
    if (!entry.body.schema) return undefined; // a non-JSON body (e.g. raw uploads): nothing to validate
    // GitHub parses JSON whatever the content-type says (curl -d sends form-urlencoded and works).
    let data: unknown;
    try {
      data = JSON.parse(request.body);
    } catch {
      return `${entry.operationId}: request body is not valid JSON`;
    }
    let validate = this.#bodyValidators.get(entry.operationId);
    if (!validate) {
      validate = this.#ajv.compile(entry.body.schema);
      this.#bodyValidators.set(entry.operationId, validate);
    }
    return validate(data) ? undefined : `body of ${entry.operationId}: ${this.#ajv.errorsText(validate.errors, { dataVar: 'body' })}`;
  }
}

function definitionRef(name: string): JsonSchema {
  return { $ref: `${definitionsSchemaId}#/definitions/${name}` };
}

function describeErrors(errors: ErrorObject[]): string {
  const quoted = errors.slice(0, quotedErrors).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
  const more = errors.length - quoted.length;
  return `${quoted.join('; ')}${more > 0 ? ` (+${more} more)` : ''}`;
}

function compileTemplate(entry: OperationEntry): CompiledRoute {
  const paramNames: string[] = [];
  let literalCount = 0;
  const segments = entry.template.split('/').slice(1);
  const source = segments
    .map((segment, index) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) {
        literalCount += 1;
        return escapeRegExp(segment).replace(/\\\{(\w+)\\\}/g, (_all, name: string) => {
          paramNames.push(name); // a parameter inside a literal segment, e.g. `{tag}.{format}`
          return '([^/]+?)';
        });
      }
      paramNames.push(param[1]!);
      return index === segments.length - 1 && greedyParams.has(param[1]!) ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { entry, pattern: new RegExp(`^/${source}/?$`), paramNames, literalCount };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const dateTimeFormats = {
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

const checkers = new Map<ApiDescription, RequestChecker>();

/** One checker per description per process: building the route index costs more than a test. */
export function requestChecker(description: ApiDescription = 'api.github.com'): RequestChecker {
  let checker = checkers.get(description);
  if (!checker) {
    checker = new RequestChecker(loadRouteTable(description));
    checkers.set(description, checker);
  }
  return checker;
}
