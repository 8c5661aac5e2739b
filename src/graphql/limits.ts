import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  getNullableType,
  GraphQLError,
  type GraphQLSchema,
  isListType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  validate,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '../config';
import { assertListSizes } from './list-limits';

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
/** List fields of a page or connection: their size was counted on the field that made the page. */
const PAGE_LISTS = new Set(['items', 'edges', 'nodes']);

function limitError(code: LimitCode, message: string, limit: number, actual: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, actual, http: { status: 400 } } });
}

/** The operation's deepest field nesting, through fragments (a fragment cycle is left to graphql's own rule). */
function depthOf(selectionSet: SelectionSetNode, fragments: (name: string) => FragmentDefinitionNode | null | undefined, seen: Set<string>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, fragments, seen) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments(selection.name.value);
      if (fragment) deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, selection.name.value])));
    }
  }
  return deepest;
}

/** Aliased fields an operation selects, counting a fragment each time it is spread. */
function aliasesOf(selectionSet: SelectionSetNode, fragments: (name: string) => FragmentDefinitionNode | null | undefined, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) count++;
      if (selection.selectionSet) count += aliasesOf(selection.selectionSet, fragments, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += aliasesOf(selection.selectionSet, fragments, seen);
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments(selection.name.value);
      if (fragment) count += aliasesOf(fragment.selectionSet, fragments, new Set([...seen, selection.name.value]));
    }
  }
  return count;
}

/** Root fields of an operation, fragments at the root included. */
function rootFieldsOf(selectionSet: SelectionSetNode, fragments: (name: string) => FragmentDefinitionNode | null | undefined, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count++;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldsOf(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value)) {
      const fragment = fragments(selection.name.value);
      if (fragment) count += rootFieldsOf(fragment.selectionSet, fragments, new Set([...seen, selection.name.value]));
    }
  }
  return count;
}

/** A validation rule that measures each operation once and reports when it is over a limit. */
function operationRule(check: (operation: OperationDefinitionNode, context: ValidationContext) => GraphQLError | null): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const error = check(operation, context);
      if (error) context.reportError(error);
    },
  });
}

/**
 * Validation rules that refuse an operation deeper, wider or with more aliases than the limits,
 * before any resolver runs. Aliases and root fields are capped so one request cannot pack a
 * hundred logins or a hundred copies of an expensive field.
 */
function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const fragmentsOf = (context: ValidationContext) => (name: string) => context.getFragment(name);
  return [
    operationRule((operation, context) => {
      const depth = depthOf(operation.selectionSet, fragmentsOf(context), new Set());
      return depth > limits.depth ? limitError(LimitCode.TooDeep, `The operation is ${depth} fields deep; at most ${limits.depth} are allowed`, limits.depth, depth) : null;
    }),
    operationRule((operation, context) => {
      const aliases = aliasesOf(operation.selectionSet, fragmentsOf(context), new Set());
      return aliases > limits.aliases
        ? limitError(LimitCode.TooManyAliases, `The operation uses ${aliases} aliases; at most ${limits.aliases} are allowed`, limits.aliases, aliases)
        : null;
    }),
    operationRule((operation, context) => {
      const fields = rootFieldsOf(operation.selectionSet, fragmentsOf(context), new Set());
      return fields > limits.rootFields
        ? limitError(LimitCode.TooManyRootFields, `The operation asks for ${fields} root fields; at most ${limits.rootFields} are allowed`, limits.rootFields, fields)
        : null;
    }),
  ];
}

/**
 * Cost of a field: 1, plus its selection times the list size it asks for (`first`, `last`,
 * `limit`, `pageSize`, defaults included), or times ASSUMED_LIST_SIZE for an unsized list. The
 * list inside a page (`items`) is not counted again.
 */
const listSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const sizeArgument = SIZE_ARGUMENTS.find((name) => typeof args[name] === 'number');
  if (sizeArgument) return 1 + Math.max(0, args[sizeArgument] as number) * childComplexity;
  if (isListType(getNullableType(field.type)) && !PAGE_LISTS.has(field.name)) {
    return 1 + ASSUMED_LIST_SIZE * childComplexity;
  }
  return undefined;
};

/** An operation's estimated cost with its variables; see listSizeEstimator. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * The first shape limit (depth, aliases, root fields) a document breaks, or null. Remembered per
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
    broken = validate(schema, document, queryLimitRules(limits))[0] ?? null;
    checked.set(document, broken);
  }
  return broken;
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

/** Throws the first limit an operation breaks: depth, aliases, root fields, list lengths (src/graphql/list-limits.ts), then cost with its variables. */
export function assertWithinLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
  limits: QueryLimits,
): void {
  const broken = brokenShapeLimit(schema, document, limits);
  if (broken) throw broken;
  assertListSizes(schema, document, variables);
  let cost: number;
  try {
    cost = operationCost(schema, document, variables, operationName);
  } catch {
    return; // the variables do not fit the operation: execution refuses them with BAD_USER_INPUT
  }
  if (cost > limits.cost) {
    throw limitError(LimitCode.TooComplex, `The operation would cost ${cost}; at most ${limits.cost} is allowed (list sizes multiply)`, limits.cost, cost);
  }
}

/**
 * Apollo plugin: every limit once the operation and its variables are known, before execution.
 * (Not as Apollo validation rules: Apollo would replace their codes with GRAPHQL_VALIDATION_FAILED.)
 */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
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
