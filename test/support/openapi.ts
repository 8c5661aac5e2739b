import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';

/** A gateway answer as test/support/gateway.ts `http` returns it. */
export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/**
 * Checks real answers against the OpenAPI document the gateway serves: the operation the request
 * reached, its documented response for the answer's status, its media type, headers and JSON Schema.
 * It keeps the operations and statuses it has checked, so a test can tell what it covered.
 */
export class AnswerChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { path: string; pattern: RegExp; literal: number }[];
  /** operationId → the statuses checked. */
  readonly covered = new Map<string, Set<number>>();

  constructor(private readonly document: any) {
    this.ajv.addSchema(document, 'openapi.json');
    this.templates = Object.keys(document.paths).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
      literal: path.replace(/\{\w+\}/g, '').length,
    }));
  }

  /** The operation a request reaches: the most specific path template that matches. */
  operation(method: string, url: string): { path: string; operation: any } {
    const path = new URL(url, 'http://gateway').pathname.replace(/(.)\/$/, '$1');
    const matches = this.templates.filter((t) => t.pattern.test(path) && this.document.paths[t.path][method.toLowerCase()]);
    matches.sort((a, b) => b.literal - a.literal);
    if (matches.length === 0) throw new Error(`the document has no operation for ${method} ${path}`);
    return { path: matches[0].path, operation: this.document.paths[matches[0].path][method.toLowerCase()] };
  }

  /** Throws, naming what differs, unless the answer is one the document describes for this request. */
  check(method: string, url: string, answer: Answer): void {
    const { path, operation } = this.operation(method, url);
    const where = `${method} ${path} → ${answer.status}`;
    const response = operation.responses[String(answer.status)];
    if (!response) throw new Error(`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
    for (const name of Object.keys(response.headers ?? {})) {
      if (name !== 'retry-after' && answer.headers.get(name) === null) throw new Error(`${where}: documented header ${name} missing`);
    }
    const mediaType = answer.headers.get('content-type')?.split(';')[0].trim();
    if (!response.content) {
      if (answer.body !== '') throw new Error(`${where}: documented without a body, answered ${JSON.stringify(answer.body)}`);
    } else {
      if (!mediaType || !response.content[mediaType]) throw new Error(`${where}: media type ${mediaType} not documented`);
      const pointer = `openapi.json#/paths/${escape(path)}/${method.toLowerCase()}/responses/${answer.status}/content/${escape(mediaType)}/schema`;
      let validate = this.compiled.get(pointer);
      if (!validate) {
        validate = this.ajv.getSchema(pointer);
        if (!validate) throw new Error(`${where}: no schema at ${pointer}`);
        this.compiled.set(pointer, validate);
      }
      if (!validate(answer.body)) {
        throw new Error(`${where}: the answer does not fit the documented schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.body).slice(0, 2000)}`);
      }
    }
    const statuses = this.covered.get(operation.operationId) ?? new Set<number>();
    this.covered.set(operation.operationId, statuses.add(answer.status));
  }
}

/** A JSON Pointer segment. */
function escape(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}
