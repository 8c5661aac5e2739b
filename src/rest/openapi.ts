import { STATUS_CODES } from 'node:http';
import { type GraphQLSchema, parse } from 'graphql';
import { type AnswerShape, deriveErrors, deriveSuccess } from './openapi-answers';
import type { JsonSchema } from './openapi-schemas';
import type { LegacyFamily, LegacyRoute, ParamSpec } from './route';

const SCHEMA_TYPES: Record<ParamSpec['type'], JsonSchema> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  object: { type: 'object' },
  array: { type: 'array', items: { type: 'string' } },
  file: { type: 'string', format: 'binary' },
};

function schemaOf(spec: ParamSpec): JsonSchema {
  const schema = { ...SCHEMA_TYPES[spec.type], ...(spec.description ? { description: spec.description } : {}) };
  if (!spec.enum) return schema;
  return spec.type === 'array' ? { ...schema, items: { type: 'string', enum: spec.enum } } : { ...schema, enum: spec.enum };
}

/** A route's success answers that could not be derived: each says why. The tests require none. */
export interface DerivationGap {
  family: string;
  method: string;
  path: string;
  problems: string[];
}

/** The OpenAPI 3.1 document without `servers` (see `withServer`), and what it could not derive. */
export interface OpenApiBuild {
  document: Record<string, unknown>;
  gaps: DerivationGap[];
}

/**
 * An OpenAPI 3.1 document of every legacy route, built from the tables that mount them: parameters
 * from their ParamSpecs, security from their family, and every answer's schema inferred from what the
 * route's `respond` and its family's `renderError` send (src/rest/openapi-answers.ts).
 */
export async function buildOpenApi(families: readonly LegacyFamily[], schema: GraphQLSchema): Promise<OpenApiBuild> {
  const paths: Record<string, Record<string, unknown>> = {};
  const components = new Components();
  const gaps: DerivationGap[] = [];
  for (const family of families) {
    components.addSecurity(family);
    for (const route of family.routes) {
      // A route's samples take up to a tenth of a second: other requests go between routes.
      await new Promise((resolve) => setImmediate(resolve));
      const document = parse(route.operation);
      const derived = deriveSuccess(schema, family, route, document);
      const errors = deriveErrors(family, route);
      const path = `${family.prefix}${route.path}`.replace(/:(\w+)/g, '{$1}');
      const problems = [...derived.failures, ...(derived.success.size === 0 ? ['respond answered no sample'] : [])];
      for (const method of [route.method].flat().map((m) => m.toLowerCase())) {
        if (problems.length > 0) gaps.push({ family: family.name, method, path, problems });
        if (paths[path]?.[method]) throw new Error(`${method.toUpperCase()} ${path} is served by two routes`);
        paths[path] ??= {};
        paths[path][method] = {
          tags: [family.title],
          summary: route.summary,
          ...descriptionOf(route),
          operationId: `${family.name}_${method}_${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
          security: route.auth === 'none' ? [] : [{ [schemeOf(family, route)]: [] }],
          ...requestOf(family, route, method, path, components),
          responses: responsesOf(family, derived.success, errors, components),
        };
      }
    }
  }
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Gateway legacy REST APIs',
      version: '1.0.0',
      description: infoDescription(families),
    },
    tags: families.map((f) => ({ name: f.title, description: f.description })),
    paths,
    components: components.toJSON(),
  };
  return { document, gaps };
}

/** The document with `servers`: where the caller reached it (or PUBLIC_URL), so "try it" calls go there. */
export function withServer(document: Record<string, unknown>, url: string): Record<string, unknown> {
  const { openapi, info, ...rest } = document;
  return { openapi, info, servers: [{ url, description: 'This gateway' }], ...rest };
}

function infoDescription(families: readonly LegacyFamily[]): string {
  return [
    'Every legacy REST endpoint the gateway serves. The four legacy APIs (social, with its browser pages, community, chat and',
    'marketing) are shims: each endpoint runs one GraphQL operation in-process (the same schema as `/graphql`, with its rules,',
    "limits and events) and maps the result to the legacy body. Each answer's schema here is derived from the code that sends it.",
    '',
    'Each family keeps its own credentials and its own error envelope:',
    '',
    ...families.map((f) => `- **${f.title}** (\`${f.prefix || '/'}\`): ${f.description}`),
  ].join('\n');
}

function descriptionOf(route: LegacyRoute): Record<string, string> {
  const parts = [...(route.auth === 'admin' ? ["Admin only: the credentials must be an admin user's."] : []), ...(route.note ? [route.note] : [])];
  return parts.length > 0 ? { description: parts.join(' ') } : {};
}

function schemeOf(family: LegacyFamily, route: LegacyRoute): string {
  return family.security.schemeOf?.(route) ?? Object.keys(family.security.schemes)[0];
}

/** The query parameter a route's apiKey scheme reads: documented by the scheme, not again as a parameter. */
function credentialParam(family: LegacyFamily, route: LegacyRoute): string | undefined {
  if (route.auth === 'none') return undefined;
  const scheme = family.security.schemes[schemeOf(family, route)];
  return scheme.type === 'apiKey' && scheme.in === 'query' ? String(scheme.name) : undefined;
}

function requestOf(family: LegacyFamily, route: LegacyRoute, method: string, path: string, components: Components): Record<string, unknown> {
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const specs = (route.params ?? []).filter((s) => s.name !== credentialParam(family, route));
  const inBody = method !== 'get' && method !== 'delete';
  const parameters = [
    ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: schemaOf(specs.find((s) => s.name === name) ?? { name, type: 'string' }) })),
    ...specs.filter((s) => !pathParams.includes(s.name) && (s.in === 'query' || (!inBody && s.in !== 'body'))).map((s) => ({ name: s.name, in: 'query', required: !!s.required, schema: schemaOf(s) })),
  ];
  const bodySpecs = inBody ? specs.filter((s) => !pathParams.includes(s.name) && s.in !== 'query') : [];
  const credentials = inBody ? Object.keys(family.security.bodyFields ?? {}) : [];
  if (bodySpecs.length === 0 && credentials.length === 0) return { parameters };
  const required = [...credentials, ...bodySpecs.filter((s) => s.required).map((s) => s.name)];
  const bodySchema = {
    type: 'object',
    properties: Object.fromEntries([...credentials.map((name) => [name, { $ref: components.bodyField(family, name) }] as const), ...bodySpecs.map((s) => [s.name, schemaOf(s)] as const)]),
    ...(required.length > 0 ? { required } : {}),
  };
  const content = Object.fromEntries(['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'].map((type) => [type, { schema: bodySchema }]));
  return { parameters, requestBody: { required: required.length > 0, content } };
}

/** Success and error answers by status; where both share one (HTTP 200 errors), either may come. */
function responsesOf(family: LegacyFamily, success: Map<number, AnswerShape>, errors: Map<number, AnswerShape>, components: Components): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const statuses = [...new Set([...success.keys(), ...errors.keys()])].sort((a, b) => a - b);
  for (const status of statuses) {
    const ok = success.get(status);
    const error = errors.get(status);
    const content: Record<string, { schema: JsonSchema }> = {};
    const add = (mediaType: string | null, schema: JsonSchema) => {
      if (mediaType === null) return;
      const existing = content[mediaType];
      content[mediaType] = { schema: existing ? { anyOf: [existing.schema, schema] } : schema };
    };
    if (ok) add(ok.mediaType, ok.body.schema());
    if (error) add(error.mediaType, { $ref: components.error(family, error) });
    const headers = { ...headersOf(ok), ...headersOf(error) };
    const said = [...(ok ? [`${STATUS_CODES[status] ?? 'Success'}.`] : []), ...(error ? [`${ok ? 'Or an error' : 'An error'} (${[...error.codes].join(', ')}) in the family's envelope.`] : [])];
    responses[String(status)] = {
      description: said.join(' '),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(Object.keys(content).length > 0 ? { content } : {}),
    };
  }
  return responses;
}

function headersOf(answer: AnswerShape | undefined): Record<string, unknown> {
  if (!answer) return {};
  const headers: Record<string, unknown> = Object.fromEntries([...answer.headers].map(([name, shape]) => [name, { schema: shape.schema() }]));
  // Both senders of a rate-limit refusal add it (src/http/rate-limits.ts and the mounter).
  if (answer.codes.has('RATE_LIMITED')) headers['retry-after'] = { description: 'Seconds to wait before trying again.', schema: { type: 'string' } };
  return headers;
}

/** The document's components: security schemes, error envelopes (one per distinct schema) and body credentials. */
class Components {
  private readonly securitySchemes: Record<string, Record<string, unknown>> = {};
  private readonly schemas: Record<string, JsonSchema> = {};
  private readonly errorNames = new Map<string, string>();

  addSecurity(family: LegacyFamily): void {
    for (const [name, scheme] of Object.entries(family.security.schemes)) {
      const existing = this.securitySchemes[name];
      if (existing && JSON.stringify(existing) !== JSON.stringify(scheme)) throw new Error(`two security schemes named ${name}`);
      this.securitySchemes[name] = scheme;
    }
  }

  /** A reference to the family's error envelope: its statuses and routes that answer the same one share it. */
  error(family: LegacyFamily, answer: AnswerShape): string {
    const schema = answer.body.schema();
    const key = `${family.name} ${JSON.stringify(schema)}`;
    let name = this.errorNames.get(key);
    if (!name) {
      const base = `${pascal(family.name)}Error${answer.mediaType === 'text/html' ? 'Page' : ''}`;
      name = base;
      for (let n = 2; this.schemas[name]; n++) name = `${base}${n}`;
      const what = answer.mediaType === 'text/html' ? 'error page' : 'error envelope';
      this.schemas[name] = { description: `The ${family.title}'s ${what}, as it renders every error.`, ...schema };
      this.errorNames.set(key, name);
    }
    return `#/components/schemas/${name}`;
  }

  bodyField(family: LegacyFamily, field: string): string {
    const name = `${pascal(family.name)}${pascal(field)}`;
    this.schemas[name] ??= family.security.bodyFields?.[field] ?? {};
    return `#/components/schemas/${name}`;
  }

  toJSON(): Record<string, unknown> {
    return { securitySchemes: this.securitySchemes, schemas: this.schemas };
  }
}

function pascal(name: string): string {
  return name.replace(/(^|[_-])(\w)/g, (_m, _s, c: string) => c.toUpperCase());
}
