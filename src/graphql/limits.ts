import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ASTVisitor,
  type DocumentNode,
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  isObjectType,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  isListType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  validate,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '../config';
import { type FragmentLookup, INTROSPECTION_COST_FACTOR, INTROSPECTION_FIELDS, INTROSPECTION_MAX_DEPTH, introspectionBudget, introspectionCost } from './introspection-limits';
import { ErrorCode } from '../errors';
import { isExpectedError } from './graphql-errors';
import { assertListSizes } from './list-limits';
import { DEFAULT_FIRST } from './connection';

/** The codes a refused operation carries in `extensions.code`. */
export enum LimitCode {
  TooDeep = 'QUERY_TOO_DEEP',
  TooComplex = 'QUERY_TOO_COMPLEX',
  TooManyAliases = 'TOO_MANY_ALIASES',
  TooManyRootFields = 'TOO_MANY_ROOT_FIELDS',
}

/** The arguments that size a list, in the order they are read. */
const SIZE_ARGUMENTS = ['first', 'last', 'limit', 'pageSize'] as const;
/** What an unsized list is assumed to hold. */
export const ASSUMED_LIST_SIZE = 10;
/**
 * Plain lists whose bound (in their description) is above ASSUMED_LIST_SIZE, by schema coordinate:
 * priced at their bound, so nesting a connection under them is not priced at a tenth of its rows.
 */
export const BOUNDED_LIST_SIZES: Readonly<Record<string, number>> = {
  'Post.reactors': 100,
  'Album.media': 50,
  'Chat.typing': 256,
  'Query.sessions': 100,
  'FlowCampaign.questions': 50,
};
/** List fields of a page or connection: their size was counted on the field that made the page. */
/** A connection's lists: its size is counted once, on the connection field. */
const PAGE_LISTS = new Set(['edges', 'nodes']);
/**
 * Selections an operation may expand to through its fragments (graphql-query-complexity's own
 * default): fragments spreading each other twice over could otherwise make the cost estimate
 * walk millions of nodes, or give up and leave the operation unpriced.
 */
export const MAX_SELECTIONS = 10_000;

/**
 * How often one field with a selection set (one response name) may be selected in one selection
 * set, fragments merged in. graphql-js's OverlappingFieldsCanBeMerged rule compares such fields
 * pairwise, subfields included: a thousand `followers { id }` side by side took it 190 ms, refused
 * or not; fifty take it well under a millisecond. Leaf fields are cheap to compare and not counted.
 */
export const MAX_REPEATS = 50;

function limitError(code: LimitCode, message: string, limit: number, actual: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, actual, http: { status: 400 } } });
}

/** What the shape limits measure in a selection set, fragments expanded. */
interface Shape {
  /** Deepest field nesting, `__schema`/`__type` subtrees left out. */
  depth: number;
  /** Deepest nesting of a `__schema`/`__type` subtree, that field included. */
  introspectionDepth: number;
  /** Aliased fields, a fragment counted each time it is spread. */
  aliases: number;
  /** Fields at this level. */
  fields: number;
  /** Every selection (field, fragment spread, inline fragment) once expanded: the nodes the cost estimate visits. */
  selections: number;
  /** The most fields with a selection set under one response name in one selection set, anywhere below. */
  repeats: number;
  /** This level's fields with a selection set, by response name, fragments merged into the level they are spread on. */
  named: ReadonlyMap<string, number>;
}

const NO_SHAPE: Shape = { depth: 0, introspectionDepth: 0, aliases: 0, fields: 0, selections: 0, repeats: 0, named: new Map() };

/**
 * Measures selection sets; a fragment is measured once per document and reused wherever it is
 * spread, so fragments that spread each other twice over cost the measure no more than their
 * length (a fragment cycle measures as empty: graphql's own rule reports it).
 */
function shapeMeasure(fragments: FragmentLookup): (selectionSet: SelectionSetNode) => Shape {
  const byFragment = new Map<string, Shape>();
  const measure = (selectionSet: SelectionSetNode): Shape => {
    const named = new Map<string, number>();
    const shape = { ...NO_SHAPE, named };
    const count = (name: string, times: number) => named.set(name, (named.get(name) ?? 0) + times);
    for (const selection of selectionSet.selections) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        inner = selection.selectionSet ? measure(selection.selectionSet) : NO_SHAPE;
        if (selection.selectionSet) count((selection.alias ?? selection.name).value, 1);
        if (INTROSPECTION_FIELDS.has(selection.name.value)) {
          shape.introspectionDepth = Math.max(shape.introspectionDepth, 1 + inner.depth);
        } else {
          shape.depth = Math.max(shape.depth, 1 + inner.depth);
          shape.introspectionDepth = Math.max(shape.introspectionDepth, inner.introspectionDepth);
        }
        shape.aliases += (selection.alias ? 1 : 0) + inner.aliases;
        shape.fields++;
      } else {
        inner = selection.kind === Kind.INLINE_FRAGMENT ? measure(selection.selectionSet) : fragmentShape(selection.name.value);
        shape.depth = Math.max(shape.depth, inner.depth);
        shape.introspectionDepth = Math.max(shape.introspectionDepth, inner.introspectionDepth);
        shape.aliases += inner.aliases;
        shape.fields += inner.fields;
        for (const [name, times] of inner.named) count(name, times);
      }
      shape.selections += 1 + inner.selections;
      shape.repeats = Math.max(shape.repeats, inner.repeats);
    }
    for (const times of named.values()) shape.repeats = Math.max(shape.repeats, times);
    return shape;
  };
  const fragmentShape = (name: string): Shape => {
    const known = byFragment.get(name);
    if (known) return known;
    byFragment.set(name, NO_SHAPE); // while it is measured: a spread of itself inside it counts as empty
    const fragment = fragments(name);
    const shape = fragment ? measure(fragment.selectionSet) : NO_SHAPE;
    byFragment.set(name, shape);
    return shape;
  };
  return measure;
}

/**
 * A validation rule that refuses an operation deeper, wider or with more aliases than the limits,
 * before any resolver runs. Aliases and root fields are capped so one request cannot pack a
 * hundred logins or a hundred copies of an expensive field. Introspection has its bounds apart
 * (src/graphql/introspection-limits.ts).
 */
function queryLimitRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: FragmentLookup = (name) => context.getFragment(name);
    const measure = shapeMeasure(fragments);
    const schema = context.getSchema();
    return {
      OperationDefinition(operation) {
        const error = brokenLimit(measure(operation.selectionSet), limits) ?? tooCostlyIntrospection(schema, operation, fragments);
        if (error) context.reportError(error);
      },
    };
  };
}

/** The first limit a shape breaks, in the order depth, introspection depth, aliases, root fields, expansion. */
function brokenLimit(shape: Shape, limits: QueryLimits): GraphQLError | null {
  if (shape.depth > limits.depth) {
    return limitError(LimitCode.TooDeep, `The operation is ${shape.depth} fields deep; at most ${limits.depth} are allowed`, limits.depth, shape.depth);
  }
  if (shape.introspectionDepth > INTROSPECTION_MAX_DEPTH) {
    return limitError(
      LimitCode.TooDeep,
      `The operation's introspection (__schema, __type) is ${shape.introspectionDepth} fields deep; at most ${INTROSPECTION_MAX_DEPTH} are allowed`,
      INTROSPECTION_MAX_DEPTH,
      shape.introspectionDepth,
    );
  }
  if (shape.aliases > limits.aliases) {
    return limitError(LimitCode.TooManyAliases, `The operation uses ${shape.aliases} aliases; at most ${limits.aliases} are allowed`, limits.aliases, shape.aliases);
  }
  if (shape.fields > limits.rootFields) {
    return limitError(LimitCode.TooManyRootFields, `The operation asks for ${shape.fields} root fields; at most ${limits.rootFields} are allowed`, limits.rootFields, shape.fields);
  }
  if (shape.repeats > MAX_REPEATS) {
    return limitError(
      LimitCode.TooComplex,
      `The operation selects one field with a selection set ${shape.repeats} times in one place (fragments included); at most ${MAX_REPEATS} are allowed`,
      MAX_REPEATS,
      shape.repeats,
    );
  }
  if (shape.selections > MAX_SELECTIONS) {
    return limitError(LimitCode.TooComplex, `The operation expands to ${shape.selections} selections through its fragments; at most ${MAX_SELECTIONS} are allowed`, MAX_SELECTIONS, shape.selections);
  }
  return null;
}

/** Introspection over its budget (src/graphql/introspection-limits.ts), or null. */
function tooCostlyIntrospection(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: FragmentLookup): GraphQLError | null {
  const cost = introspectionCost(schema, operation.selectionSet, fragments);
  const budget = introspectionBudget(schema);
  return cost > budget
    ? limitError(
        LimitCode.TooComplex,
        `The operation's introspection (__schema, __type) would cost ${cost}; at most ${budget} is allowed (${INTROSPECTION_COST_FACTOR} times the standard introspection query)`,
        budget,
        cost,
      )
    : null;
}

/**
 * Cost of a field: 1, plus its selection times the list size it asks for (`first`, `last`,
 * `limit`, `pageSize`, defaults included), a connection's default page size when it asks for none,
 * the number of `ids` it names, or ASSUMED_LIST_SIZE for another unsized list. A connection's
 * `edges` and `nodes` are not counted again. `__schema` and `__type` cost nothing here:
 * introspection has a cost of its own (src/graphql/introspection-limits.ts).
 */
const listSizeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field === SchemaMetaFieldDef || field === TypeMetaFieldDef) return 0;
  const sizeArgument = SIZE_ARGUMENTS.find((name) => typeof args[name] === 'number');
  if (sizeArgument) return 1 + Math.max(0, args[sizeArgument] as number) * childComplexity;
  if (isConnection(getNamedType(field.type))) return 1 + DEFAULT_FIRST * childComplexity;
  if (Array.isArray(args.ids)) return 1 + args.ids.length * childComplexity;
  if (isListType(getNullableType(field.type)) && !(PAGE_LISTS.has(field.name) && isConnection(type))) {
    return 1 + (BOUNDED_LIST_SIZES[`${type.name}.${field.name}`] ?? ASSUMED_LIST_SIZE) * childComplexity;
  }
  return undefined;
};

function isConnection(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection');
}

/** An operation's estimated cost with its variables; see listSizeEstimator. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    // Never reached: an operation over MAX_SELECTIONS is refused before it is priced.
    maxQueryNodes: MAX_SELECTIONS + 1,
  });
}

/**
 * The first shape limit (depth, aliases, root fields, expansion, introspection) a document breaks, or null. Remembered per
 * document object: Apollo hands the same parsed document to every request of the same query.
 */
const shapeChecks = new WeakMap<QueryLimits, WeakMap<DocumentNode, GraphQLError | null>>();

function brokenShapeLimit(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits): GraphQLError | null {
  let checked = shapeChecks.get(limits);
  if (!checked) {
    checked = new WeakMap();
    shapeChecks.set(limits, checked);
  }
  let broken = checked.get(document);
  if (broken === undefined) {
    broken = validate(schema, document, [queryLimitRule(limits)])[0] ?? null;
    checked.set(document, broken);
  }
  return broken;
}

/**
 * The shape limits alone, for a document not validated yet: checked before graphql's own
 * validation, whose rules cost far more than these on a document built to be refused (MAX_REPEATS).
 * A document these checks cannot measure is left to validation, which refuses it.
 */
export function assertShapeBeforeValidation(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits): void {
  let broken: GraphQLError | null;
  try {
    broken = brokenShapeLimit(schema, document, limits);
  } catch {
    return;
  }
  if (broken) throw broken;
}

/** How many documents shapeGuard remembers as within the limits (by hash), so a repeated one is not parsed twice. */
const SHAPE_GUARD_MEMORY = 1000;

/**
 * For HTTP, where Apollo parses and validates before any plugin may answer with its own error: a
 * check of a request's query text against the shape limits, run from the context (whose errors
 * Apollo answers as they are), so a document built to be refused costs a parse and these
 * measures, not graphql's validation. Texts found within the limits are remembered by hash (a
 * bounded set); a text that does not parse is left to Apollo, which answers it as usual.
 */
export function shapeGuard(schema: GraphQLSchema, limits: QueryLimits): (source: unknown) => void {
  const fine = new Set<string>();
  return (source) => {
    if (typeof source !== 'string') return;
    const key = createHash('sha256').update(source).digest('base64');
    if (fine.has(key)) return;
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: limits.tokens });
    } catch {
      return;
    }
    assertShapeBeforeValidation(schema, document, limits);
    if (fine.size >= SHAPE_GUARD_MEMORY) fine.delete(fine.values().next().value as string);
    fine.add(key);
  };
}

/**
 * Parses a document, stopping at `limits.tokens` tokens so an oversize one is refused before it
 * costs much. Over HTTP Apollo applies the same bound (its `parseOptions`); a syntax error carries
 * the code Apollo gives it, GRAPHQL_PARSE_FAILED.
 */
export function parseDocument(source: string, limits: QueryLimits): DocumentNode {
  try {
    return parse(source, { maxTokens: limits.tokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  }
}

/**
 * Throws the first limit an operation breaks: depth, aliases, root fields, expansion and
 * introspection (see brokenLimit), list lengths (src/graphql/list-limits.ts), then cost with its variables.
 */
export function assertWithinLimits(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | null | undefined, limits: QueryLimits): void {
  const broken = brokenShapeLimit(schema, document, limits);
  if (broken) throw broken;
  assertListSizes(schema, document, variables);
  let cost: number;
  try {
    cost = operationCost(schema, document, variables, operationName);
  } catch (error) {
    if (variablesRefused(schema, document, variables, operationName)) return; // execution refuses them, with BAD_USER_INPUT
    throw unpricedError(error);
  }
  if (cost > limits.cost) {
    throw limitError(LimitCode.TooComplex, `The operation would cost ${cost}; at most ${limits.cost} is allowed (list sizes multiply)`, limits.cost, cost);
  }
}

/** Whether execution refuses the operation's variables outright (they do not fit its definitions). */
function variablesRefused(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  return !operation || getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 }).errors !== undefined;
}

/**
 * The variables fit but an argument does not (null for a non-null argument with a default, which
 * validation allows): execution would fail that field alone and run the rest, unpriced. Refused whole.
 */
function unpricedError(error: unknown): GraphQLError {
  const cause = isExpectedError(error) ? (error as Error) : null;
  return new GraphQLError(cause?.message ?? 'The operation could not be priced', {
    nodes: cause instanceof GraphQLError ? cause.nodes : undefined,
    extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
  });
}

/**
 * Apollo plugin: every limit once the operation and its variables are known, before execution.
 * (Not as Apollo validation rules: Apollo would replace their codes with GRAPHQL_VALIDATION_FAILED.)
 * The shape limits are also checked before Apollo validates, from the HTTP context (shapeGuard).
 */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  introspectionBudget(schema); // counted now rather than on the first request
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          assertWithinLimits(schema, document, request.variables, operationName, limits);
        },
      };
    },
  };
}
