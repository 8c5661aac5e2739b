import type { LegacyFamily, ParamSpec } from './route';

const SCHEMA_TYPES: Record<ParamSpec['type'], Record<string, unknown>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  object: { type: 'object' },
  array: { type: 'array', items: { type: 'string' } },
  file: { type: 'string', format: 'binary' },
};

function schemaOf(spec: ParamSpec): Record<string, unknown> {
  return { ...SCHEMA_TYPES[spec.type], ...(spec.enum ? { enum: spec.enum } : {}), ...(spec.description ? { description: spec.description } : {}) };
}

/** An OpenAPI 3.1 document of every legacy route, built from the same tables that mount them. */
export function buildOpenApi(families: readonly LegacyFamily[], serverUrl: string | null): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const securitySchemes: Record<string, unknown> = {};
  for (const family of families) {
    Object.assign(securitySchemes, family.security);
    for (const route of family.routes) {
      const path = `${family.prefix}${route.path}`.replace(/:(\w+)/g, '{$1}');
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toLowerCase());
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const specs = route.params ?? [];
      for (const method of methods) {
        const inBody = method !== 'get' && method !== 'delete';
        const parameters = [
          ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: schemaOf(specs.find((s) => s.name === name) ?? { name, type: 'string' }) })),
          ...specs
            .filter((s) => !pathParams.includes(s.name) && (s.in === 'query' || (!inBody && s.in !== 'body')))
            .map((s) => ({ name: s.name, in: 'query', required: !!s.required, schema: schemaOf(s) })),
        ];
        const bodySpecs = inBody ? specs.filter((s) => !pathParams.includes(s.name) && s.in !== 'query') : [];
        const bodySchema = {
          type: 'object',
          properties: Object.fromEntries(bodySpecs.map((s) => [s.name, schemaOf(s)])),
          required: bodySpecs.filter((s) => s.required).map((s) => s.name),
        };
        paths[path] ??= {};
        paths[path][method] = {
          tags: [family.title],
          summary: route.summary,
          ...(route.note ? { description: route.note } : {}),
          operationId: `${family.name}_${method}_${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
          ...(route.auth !== 'none' ? { security: Object.keys(family.security).map((name) => ({ [name]: [] })) } : {}),
          parameters,
          ...(bodySpecs.length > 0
            ? {
                requestBody: {
                  content: {
                    'application/x-www-form-urlencoded': { schema: bodySchema },
                    'multipart/form-data': { schema: bodySchema },
                    'application/json': { schema: bodySchema },
                  },
                },
              }
            : {}),
          responses: {
            '200': { description: 'Success, in the family\'s envelope.' },
            default: { description: 'Error, in the family\'s envelope.', content: { 'application/json': { schema: family.errorSchema } } },
          },
        };
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gateway legacy REST APIs',
      version: '1.0.0',
      description: 'Every legacy endpoint the gateway serves. Each one runs a GraphQL operation in-process.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: families.map((f) => ({ name: f.title })),
    paths,
    components: { securitySchemes },
  };
}
