/**
 * A route's answers, found by running its own `respond` (and its family's `renderError`) on sample
 * results and requests: what the mounter sends is what the document describes, with no second
 * copy of any shape.
 */
import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../auth/viewer';
import { type DocumentNode, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../errors';
import { nodesOf, operationTree, type SampleChoices, type SampleNode, sampleResult, seededRandom } from './openapi-samples';
import { ShapeOf } from './openapi-schemas';
import { type LegacyFamily, type LegacyInput, type LegacyOnlyCode, LegacyError, type LegacyReply, type LegacyRoute, type ParamSpec, replyOf } from './route';

/** Every answer seen with one HTTP status. */
export interface AnswerShape {
  /** The content type, or null for an answer with no body (a 204, a redirect). */
  mediaType: string | null;
  body: ShapeOf;
  headers: Map<string, ShapeOf>;
  /** For errors: the codes that answer with this status. */
  codes: Set<string>;
}

export interface DerivedAnswers {
  success: Map<number, AnswerShape>;
  /**
   * Samples on which `respond` failed with something other than a LegacyError (each message once).
   * A LegacyError (a not-found for a null result, say) is an error answer, not a failure.
   */
  failures: string[];
}

/** The base for links in sample answers: the links are strings whichever base the caller reached. */
const SAMPLE_BASE = 'http://localhost';
/** Random mixes of nulls, empty lists, left-out fields and sample values, on top of the systematic samples. */
const RANDOM_SAMPLES = 24;
/** Random mixes of present and absent optional parameters. */
const RANDOM_INPUTS = 8;

/**
 * The codes a route can answer. TOO_MANY_SUBSCRIPTIONS is a socket's; MEMBERSHIP_EXPIRED only the
 * marketing domain raises, so only the marketing family's routes meet it; NO_ENDPOINT and
 * METHOD_NOT_ALLOWED answer requests that reach no route.
 */
export function errorCodesOf(family: LegacyFamily): (ErrorCode | LegacyOnlyCode)[] {
  const codes: (ErrorCode | LegacyOnlyCode)[] = Object.values(ErrorCode).filter(
    (code) => code !== ErrorCode.TooManySubscriptions && (code !== ErrorCode.MembershipExpired || family.name === 'marketing'),
  );
  return family.security.bodyFields ? ['SERVER_KEY', ...codes] : codes;
}

/** What the family's envelope answers for each error code on this route, by HTTP status. */
export function deriveErrors(family: LegacyFamily, route: LegacyRoute): Map<number, AnswerShape> {
  const answers = new Map<number, AnswerShape>();
  const request = sampleRequest(family, route, {});
  for (const code of errorCodesOf(family)) {
    for (const message of ['A message', 'Another message, longer than the first']) {
      record(answers, family.renderError(new LegacyError(code, message), request)).codes.add(code);
    }
  }
  return answers;
}

/** Runs the route's `respond` on sample results of each of its operations, with sample inputs. */
export function deriveSuccess(schema: GraphQLSchema, family: LegacyFamily, route: LegacyRoute, document: DocumentNode): DerivedAnswers {
  const derived: DerivedAnswers = { success: new Map(), failures: [] };
  const byOperation = new Map<string | undefined, LegacyInput[]>();
  for (const input of sampleInputs(family, route)) {
    const name = route.operationName?.(input);
    byOperation.set(name, [...(byOperation.get(name) ?? []), input]);
  }
  for (const name of operationNames(document)) {
    if (route.operationName && !byOperation.has(name)) derived.failures.push(`no sample input runs the operation ${name}`);
  }
  for (const [name, inputs] of byOperation) {
    const tree = operationTree(schema, document, name);
    const run = (input: LegacyInput, choices: SampleChoices) => {
      try {
        record(derived.success, replyOf(route.respond(sampleResult(tree, choices), input), SAMPLE_BASE));
      } catch (error) {
        if (!(error instanceof LegacyError) && !derived.failures.includes(String(error))) derived.failures.push(String(error));
      }
    };
    // Every sample result with the first input; the three uniform results with every other input.
    for (const choices of sampleChoices(tree)) run(inputs[0], choices);
    for (const input of inputs.slice(1)) for (const k of [0, 1, 2]) run(input, uniform(k));
  }
  return derived;
}

function operationNames(document: DocumentNode): (string | undefined)[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).map((o) => o.name?.value);
}

function record(answers: Map<number, AnswerShape>, reply: LegacyReply): AnswerShape {
  const status = reply.status ?? 200;
  const { 'content-type': contentType, ...headers } = reply.headers ?? {};
  const empty = reply.body === null || reply.body === undefined || reply.body === '';
  const mediaType = empty ? null : (contentType?.split(';')[0].trim() ?? (typeof reply.body === 'string' ? 'text/plain' : 'application/json'));
  let answer = answers.get(status);
  if (!answer) {
    answer = { mediaType, body: new ShapeOf(), headers: new Map(), codes: new Set() };
    answers.set(status, answer);
  }
  if (answer.mediaType !== mediaType) throw new Error(`status ${status} answers both ${answer.mediaType ?? 'no body'} and ${mediaType ?? 'no body'}`);
  if (!empty) answer.body.add(reply.body);
  for (const [name, value] of Object.entries(headers)) {
    const shape = answer.headers.get(name) ?? new ShapeOf();
    answer.headers.set(name, shape.add(value));
  }
  return answer;
}

function uniform(k: number): SampleChoices {
  return { isNull: () => false, listLength: () => 1, isAbsent: () => false, leaf: () => k };
}

/**
 * The sample results of an operation: all values present with each of the three leaf samples;
 * everything that can be null, empty or left out so, twice; each nullable node null, each list
 * empty and each conditional field absent on its own; and seeded random mixes of all of these.
 */
function sampleChoices(tree: SampleNode): SampleChoices[] {
  const { nodes, conditional } = nodesOf(tree);
  const choices: SampleChoices[] = [uniform(0), uniform(1), uniform(2)];
  for (const k of [0, 1]) choices.push({ isNull: () => true, listLength: () => 0, isAbsent: () => true, leaf: () => k });
  for (const node of nodes) {
    if (node.nullable) choices.push({ ...uniform(0), isNull: (n) => n === node });
    if (node.kind === 'list') choices.push({ ...uniform(0), listLength: (n) => (n === node ? 0 : 1) });
  }
  for (const field of conditional) choices.push({ ...uniform(0), isAbsent: (f) => f === field });
  for (let seed = 1; seed <= RANDOM_SAMPLES; seed++) {
    const random = seededRandom(seed);
    choices.push({
      isNull: () => random() < 0.2,
      listLength: () => Math.floor(random() * 3),
      isAbsent: () => random() < 0.4,
      leaf: () => Math.floor(random() * 3),
    });
  }
  return choices;
}

/** Two samples of each parameter type (an enum's first and last value; an array enum's values). */
function paramSample(spec: ParamSpec, k: 0 | 1): unknown {
  const choices = spec.enum ?? [];
  switch (spec.type) {
    case 'integer':
      return [1, 2][k];
    case 'number':
      return [1.5, 2.5][k];
    case 'boolean':
      return [true, false][k];
    case 'object':
      return [{}, { key: 'value' }][k];
    case 'array':
      return choices.length > 0 ? [[...choices], [choices[choices.length - 1]]][k] : [['text'], ['text', 'another text']][k];
    case 'file':
      return ['/uploads/sample.png', 'https://media.test/sample.mp4'][k];
    default:
      return choices.length > 0 ? [choices[0], choices[choices.length - 1]][k] : ['text', 'another text'][k];
  }
}

/**
 * Sample requests: every parameter (with either sample), only the required ones, each enum value
 * (each item of an array enum on its own), and seeded random mixes of optional parameters.
 */
function sampleInputs(family: LegacyFamily, route: LegacyRoute): LegacyInput[] {
  const specs = route.params ?? [];
  const optional = specs.filter((s) => !s.required);
  const sets: Record<string, unknown>[] = [
    valuesOf(specs, () => 0),
    valuesOf(specs, () => 1),
    valuesOf(
      specs.filter((s) => s.required),
      () => 0,
    ),
  ];
  for (const spec of specs.filter((s) => s.enum)) {
    for (const value of spec.enum ?? []) sets.push({ ...sets[0], [spec.name]: spec.type === 'array' ? [value] : value });
  }
  for (let seed = 1; seed <= RANDOM_INPUTS && optional.length > 0; seed++) {
    const random = seededRandom(seed);
    sets.push(
      valuesOf(
        specs.filter((s) => s.required || random() < 0.5),
        () => (random() < 0.5 ? 0 : 1),
      ),
    );
  }
  const viewer = route.auth === 'none' ? null : sampleViewer(route);
  return sets.map((values) => ({ values, raw: { ...values }, request: sampleRequest(family, route, values), viewer }));
}

/** The caller a route that needs one would have. */
function sampleViewer(route: LegacyRoute): Viewer {
  const admin = route.auth === 'admin';
  return { userId: 1, roleId: admin ? 1 : 4, isAdmin: admin, isModerator: false, scheme: 'api_key', tokenId: null, apiKeyId: 1, callingSystem: null };
}

function valuesOf(specs: ParamSpec[], k: () => 0 | 1): Record<string, unknown> {
  return Object.fromEntries(specs.map((spec) => [spec.name, paramSample(spec, k())]));
}

/** What `respond` and `renderError` read of a request: its URL, method, fields and protocol. */
function sampleRequest(family: LegacyFamily, route: LegacyRoute, values: Record<string, unknown>): FastifyRequest {
  const url = `${family.prefix}${route.path}`;
  const method = [route.method].flat()[0];
  return { url, method, protocol: 'http', headers: {}, query: { ...values }, body: { ...values }, params: { ...values } } as unknown as FastifyRequest;
}
