/** The routes the security walls test, read from the app's own OpenAPI document (so routes added later are covered). */
import type { Access, AuditSpec } from '../http/types.ts';
import type { App } from '../http/types.ts';

export type JsonSchema = Record<string, unknown>;

export interface Operation {
  /** "GET", "POST"… */
  method: string;
  /** The OpenAPI path, e.g. /api/v1/patients/{id}. */
  path: string;
  /** "GET /api/v1/patients/{id}": the key of the per-route tables. */
  key: string;
  access: Access;
  /** A patient-record write a caregiver may make (their own read marks); other record writes refuse caregivers. */
  caregiverMayWrite: boolean;
  /** The audit event the route declares for a successful call. */
  audit: AuditSpec | undefined;
  pathParams: string[];
  queryParams: string[];
  body: JsonSchema | undefined;
  /** Answers with a never-ending stream (text/event-stream): only refusals can be checked by inject. */
  streaming: boolean;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** Every documented operation with the access its route declared (a documented route that declared none fails). */
export async function readOperations(app: App): Promise<Operation[]> {
  const response = await app.inject({ url: '/api/openapi.json' });
  const doc = response.json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
  const declared = new Map(
    app.aftercareRoutes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.access]),
  );
  const caregiverWrites = new Set(
    app.aftercareRoutes
      .filter((r) => r.caregiverMayWrite)
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`),
  );
  const audits = new Map(app.aftercareRoutes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.audit]));
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [lower, op] of Object.entries(byMethod)) {
      const method = lower.toUpperCase();
      const key = `${method} ${path}`;
      const access = declared.get(key);
      if (access === undefined) {
        throw new Error(`${key} is documented but declares no access`);
      }
      const parameters = op.parameters ?? [];
      const responses = Object.values(op.responses ?? {});
      operations.push({
        method,
        path,
        key,
        access,
        caregiverMayWrite: caregiverWrites.has(key),
        audit: audits.get(key),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: op.requestBody?.content?.['application/json']?.schema,
        streaming: responses.some((r) => r.content !== undefined && 'text/event-stream' in r.content),
      });
    }
  }
  return operations;
}

/** The concrete URL of an operation with its path parameters filled in (each value URL-encoded). */
export function urlOf(op: Operation, params: Record<string, string>): string {
  return op.path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(`${op.key}: no value for path parameter ${name}`);
    }
    return encodeURIComponent(value);
  });
}

/** A minimal value that satisfies a JSON schema (required properties only); undefined when it cannot tell. */
export function sampleOf(schema: JsonSchema | undefined): unknown {
  if (schema === undefined) {
    return undefined;
  }
  if ('const' in schema) {
    return schema.const;
  }
  if (Array.isArray(schema.enum)) {
    return schema.enum[0];
  }
  if ('default' in schema) {
    return schema.default;
  }
  const choices = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (choices !== undefined) {
    return sampleOf(choices.find((c) => c.type !== 'null') ?? choices[0]);
  }
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, sampleOf(properties[name])]));
    }
    case 'array':
      return Array.from({ length: Number(schema.minItems ?? 0) }, () => sampleOf(schema.items as JsonSchema));
    case 'string':
      switch (schema.format) {
        case 'email':
          return 'sample@example.org';
        case 'date-time':
          return '2026-11-26T12:00:00.000Z';
        case 'date':
          return '2026-11-26';
        default:
          return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
      }
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}

/** The human message of an error body: `{ error: { message } }` on /api, an OperationOutcome's text on /fhir. */
export function errorMessageOf(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const error = (body as { error?: { message?: unknown } }).error;
  if (typeof error?.message === 'string' && error.message !== '') {
    return error.message;
  }
  const issue = (body as { issue?: { diagnostics?: unknown; details?: { text?: unknown } }[] }).issue?.[0];
  const said = issue?.diagnostics ?? issue?.details?.text;
  return typeof said === 'string' && said !== '' ? said : undefined;
}
