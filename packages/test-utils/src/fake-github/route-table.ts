// GitHub's published REST description (@octokit/openapi), reduced to what request and response
// checking needs: one entry per operation (method, path template, declared query parameters, JSON
// body schema, JSON schema of each documented response status) plus the component schemas those
// refer to. The full description is 13+ MB of JSON; the reduced table (~1 MB) is written once to
// node_modules/.cache and kept in memory, so a test file pays ~20 ms instead of ~300 ms.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Which published description the fake checks against. */
export type ApiDescription = 'api.github.com' | 'ghec' | 'ghes-3.17' | 'ghes-3.18' | 'ghes-3.19';

export type JsonSchema = Record<string, unknown>;

export interface OperationEntry {
  operationId: string;
  method: string;
  /** e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments` */
  template: string;
  /** Declared query parameters: name -> schema. */
  query: Record<string, JsonSchema>;
  /** Absent when the operation takes no request body. */
  body?: { required: boolean; schema: JsonSchema | null };
  /**
   * Documented response statuses ("200", "404"...) -> the `application/json` schema, or null when
   * that status is documented without a JSON body (204, 302, 304, or only other media types).
   */
  responses: Record<string, JsonSchema | null>;
}

export interface RouteTable {
  description: ApiDescription;
  version: string;
  operations: OperationEntry[];
  /** components.schemas reachable from the operations, refs rewritten to `github-rest#/definitions/NAME`. */
  definitions: Record<string, JsonSchema>;
  /** components.examples the fake uses as templates for realistic response objects. */
  examples: Record<string, unknown>;
}

export const definitionsSchemaId = 'github-rest';
/** The component schema of GitHub's error bodies (`{ message, documentation_url, status }`). */
export const basicErrorSchema = 'basic-error';

/** Example objects used as response templates (their shapes come straight from GitHub's description). */
const exampleNames = [
  'issue-comment', 'issue', 'check-run', 'status', 'pull-request', 'workflow-run', 'artifact', 'content-file', 'release', 'release-asset',
  'deployment', 'deployment-status', 'full-repository-default-response',
];

const CACHE_FORMAT = 5;
const require = createRequire(import.meta.url);
const memory = new Map<ApiDescription, RouteTable>();
const cacheDirectory = new URL('../../node_modules/.cache/modelgate-fake-github/', import.meta.url).pathname;

export function loadRouteTable(description: ApiDescription = 'api.github.com'): RouteTable {
  const cached = memory.get(description);
  if (cached) return cached;
  const packageJson = require.resolve('@octokit/openapi/package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const cacheFile = join(cacheDirectory, `${description}-${version}-v${CACHE_FORMAT}.json`);
  let table: RouteTable;
  if (existsSync(cacheFile)) {
    table = JSON.parse(readFileSync(cacheFile, 'utf8')) as RouteTable;
  } else {
    const document = JSON.parse(readFileSync(join(dirname(packageJson), 'generated', `${description}.json`), 'utf8')) as OpenApiDocument;
    table = reduceDescription(document, description, version);
    writeCacheFile(cacheFile, JSON.stringify(table));
  }
  memory.set(description, table);
  return table;
}

// Several vitest workers may build the cache at once: write a private temp file, then rename over.
function writeCacheFile(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch {
    // A read-only node_modules only costs speed: the table is rebuilt next time.
  }
}

interface OpenApiParameter { name: string; in: string; schema?: JsonSchema; $ref?: string }
interface OpenApiResponse { $ref?: string; content?: Record<string, { schema?: JsonSchema }> }
interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, OpenApiResponse>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | OpenApiParameter[]>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, OpenApiResponse>;
    examples: Record<string, { value: unknown }>;
  };
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

export function reduceDescription(document: OpenApiDocument, description: ApiDescription, version: string): RouteTable {
  const usedSchemas = new Set<string>();
  const convert = (schema: JsonSchema): JsonSchema => toJsonSchema(schema, usedSchemas) as JsonSchema;
  const resolveParameter = (parameter: OpenApiParameter): OpenApiParameter =>
    parameter.$ref ? document.components.parameters[parameter.$ref.split('/').pop()!]! : parameter;
  // Shared responses (`#/components/responses/not_found` -> basic-error) are inlined here: toJsonSchema
  // only knows component schema refs.
  const resolveResponse = (response: OpenApiResponse): OpenApiResponse =>
    response.$ref ? document.components.responses[response.$ref.split('/').pop()!]! : response;

  const operations: OperationEntry[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const shared = (item.parameters as OpenApiParameter[] | undefined) ?? [];
    for (const [method, value] of Object.entries(item)) {
      if (!httpMethods.has(method)) continue;
      const operation = value as OpenApiOperation;
      const query: Record<string, JsonSchema> = {};
      for (const parameter of [...shared, ...(operation.parameters ?? [])].map(resolveParameter)) {
        if (parameter.in === 'query') query[parameter.name] = convert(parameter.schema ?? {});
      }
      const responses: Record<string, JsonSchema | null> = {};
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const schema = resolveResponse(response).content?.['application/json']?.schema;
        responses[status] = schema ? convert(schema) : null;
      }
      const entry: OperationEntry = { operationId: operation.operationId, method: method.toUpperCase(), template, query, responses };
      if (operation.requestBody) {
        const content = operation.requestBody.content ?? {};
        const json = content['application/json'];
        entry.body = { required: operation.requestBody.required === true, schema: json?.schema ? convert(json.schema) : null };
      }
      operations.push(entry);
    }
  }

  // Response checking falls back to basic-error / validation-error for error statuses (request-check.ts).
  usedSchemas.add(basicErrorSchema);
  usedSchemas.add('validation-error');
  // Component schemas refer to one another: follow refs until no new name appears.
  const definitions: Record<string, JsonSchema> = {};
  const pending = [...usedSchemas];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in definitions) continue;
    const before = new Set(usedSchemas);
    definitions[name] = convert(document.components.schemas[name] ?? {});
    for (const added of usedSchemas) if (!before.has(added)) pending.push(added);
  }

  const examples: Record<string, unknown> = {};
  for (const name of exampleNames) {
    const example = document.components.examples[name];
    if (example) examples[name] = example.value;
  }
  return { description, version, operations, definitions, examples };
}

/**
 * OpenAPI 3.0 schema -> JSON Schema that ajv understands: `nullable: true` becomes an explicit null
 * alternative (ajv's own `nullable` support rejects null when an `enum` lacks it, which GitHub's
 * description relies on), and component refs point into the shared definitions schema.
 */
function toJsonSchema(node: unknown, usedSchemas: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((child) => toJsonSchema(child, usedSchemas));
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (annotationKeys.has(key)) continue;
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/components/schemas/', '');
      usedSchemas.add(name);
      result.$ref = `${definitionsSchemaId}#/definitions/${name}`;
    } else if (schemaMapKeys.has(key) && value !== null && typeof value === 'object') {
      // Keys here are property names (a body may well have a `description`), each mapping to a schema.
      result[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, usedSchemas)]));
    } else {
      result[key] = toJsonSchema(value, usedSchemas);
    }
  }
  if ((node as { nullable?: unknown }).nullable !== true) return result;
  if (typeof result.type === 'string' && !result.$ref) {
    result.type = [result.type, 'null'];
    if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...result.enum, null];
    return result;
  }
  return { anyOf: [result, { type: 'null' }] };
}

// Documentation-only keywords (dropped to keep the cache small) and OpenAPI's `nullable`.
const annotationKeys = new Set(['description', 'example', 'examples', 'nullable']);
const schemaMapKeys = new Set(['properties', 'patternProperties']);
