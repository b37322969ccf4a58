// Checks one HTTP request against GitHub's REST description: the method and path must name an
// operation, every query parameter must be declared for it, and a JSON body must satisfy its schema.
import { Ajv, type ValidateFunction } from 'ajv';
import { definitionsSchemaId, loadRouteTable, type ApiDescription, type OperationEntry, type RouteTable } from './route-table.ts';

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

interface CompiledRoute {
  entry: OperationEntry;
  pattern: RegExp;
  paramNames: string[];
  /** Literal segments: the most specific template wins (`/runs/{id}` loses to `/runs/latest`-style literals). */
  literalCount: number;
}

// Parameters that GitHub allows to span slashes (file paths, branch names) when they end the template.
const greedyParams = new Set(['path', 'ref', 'dir']);

export class RequestChecker {
  readonly #routes = new Map<string, CompiledRoute[]>();
  readonly #ajv: Ajv;
  readonly #queryAjv: Ajv;
  readonly #bodyValidators = new Map<string, ValidateFunction>();
  readonly #queryValidators = new Map<string, ValidateFunction>();

  constructor(table: RouteTable) {
    for (const entry of table.operations) {
      const route = compileTemplate(entry);
      const list = this.#routes.get(entry.method) ?? [];
      list.push(route);
      this.#routes.set(entry.method, list);
    }
    for (const list of this.#routes.values()) list.sort((a, b) => b.literalCount - a.literalCount);
    // OpenAPI 3.0 is not quite JSON Schema: unknown keywords and formats are ignored, not errors.
    const options = { strict: false, validateSchema: false, allErrors: true, logger: false as const, formats: dateTimeFormats };
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
