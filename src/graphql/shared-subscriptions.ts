import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type NamedTypeNode,
  print,
  type SelectionSetNode,
} from 'graphql';
import type { Context } from './context.types';

/**
 * Marks a field whose value never depends on who asks: `@Extensions(SHARED_ACROSS_VIEWERS)`.
 * A subscription that selects only marked fields executes once per event for all its viewers;
 * any unmarked field keeps it per viewer, as a field resolver that reads `ctx.viewer` or per-viewer
 * state (starred, follows) needs. Never mark a field that toUser-style mappers hide or `@Authorized` guards.
 */
export const SHARED_ACROSS_VIEWERS = { sharedAcrossViewers: true } as const;

/** What shared execution reports; prom-client counters and gauges fit as they are. */
export interface SharingMetrics {
  subscriptionExecutions: { inc(): void };
  subscriptionDeliveries: { inc(): void };
  subscriptionGroups: { set(value: number): void };
}

/** Documents whose shareability is remembered; clients send few distinct ones. */
const MAX_REMEMBERED_DOCUMENTS = 1000;

/**
 * Executes a subscription's selection set once per event and group instead of once per subscriber.
 * A group is the subscribers of one document, operation name and variables that see the same
 * result: everyone when every selected field is marked SHARED_ACROSS_VIEWERS, else one viewer.
 * The root field's `subscribe` still runs per subscriber, so authorisation and audience stay theirs.
 */
export class SharedSubscriptions {
  private readonly groups = new Map<string, ExecutionGroup>();
  private readonly shareable = new Map<string, boolean>();

  constructor(private readonly metrics: SharingMetrics) {}

  /** graphql-ws's `subscribe`: the subscriber's own event stream mapped to the group's results. */
  async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const key = this.groupKey(args);
    const group = this.join(key);
    return sharedStream(source, {
      resultFor: (payload) => group.resultFor(payload, () => this.execute(args, payload)),
      delivered: () => this.metrics.subscriptionDeliveries.inc(),
      ended: () => this.leave(key, group),
    });
  }

  private async execute(args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> {
    this.metrics.subscriptionExecutions.inc();
    return execute({ ...args, rootValue: payload });
  }

  private groupKey(args: ExecutionArgs): string {
    const document = print(args.document);
    const operationName = args.operationName ?? '';
    const scope = this.isShareable(args, document) ? 'everyone' : `viewer ${viewerScope(args.contextValue)}`;
    return JSON.stringify([document, operationName, stableJson(args.variableValues ?? {}), scope]);
  }

  private isShareable(args: ExecutionArgs, document: string): boolean {
    const key = `${args.operationName ?? ''}\n${document}`;
    let shareable = this.shareable.get(key);
    if (shareable === undefined) {
      shareable = selectsOnlySharedFields(args);
      this.rememberShareable(key, shareable);
    }
    return shareable;
  }

  private rememberShareable(key: string, shareable: boolean): void {
    if (this.shareable.size >= MAX_REMEMBERED_DOCUMENTS) {
      const oldest = this.shareable.keys().next().value;
      if (oldest !== undefined) this.shareable.delete(oldest);
    }
    this.shareable.set(key, shareable);
  }

  private join(key: string): ExecutionGroup {
    let group = this.groups.get(key);
    if (!group) {
      group = new ExecutionGroup();
      this.groups.set(key, group);
      this.metrics.subscriptionGroups.set(this.groups.size);
    }
    group.subscribers++;
    return group;
  }

  private leave(key: string, group: ExecutionGroup): void {
    group.subscribers--;
    if (group.subscribers === 0 && this.groups.get(key) === group) {
      this.groups.delete(key);
      this.metrics.subscriptionGroups.set(this.groups.size);
    }
  }
}

/** The subscribers of one group and the result of each event they were sent, while someone holds the event. */
class ExecutionGroup {
  subscribers = 0;
  private readonly results = new WeakMap<object, Promise<ExecutionResult>>();

  /**
   * The first subscriber to reach an event executes it; the others await the same result, errors
   * included. When that execution throws, the others run their own, so one failure stays one stream's.
   */
  resultFor(payload: unknown, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    if (typeof payload !== 'object' || payload === null) return run();
    const shared = this.results.get(payload);
    if (shared) return shared.catch(() => run());
    const own = run();
    this.results.set(payload, own);
    return own;
  }
}

interface StreamHooks {
  resultFor(payload: unknown): Promise<ExecutionResult>;
  delivered(): void;
  ended(): void;
}

/**
 * The results of a source event stream, as graphql's own subscribe maps them: `return()` ends the
 * source at once (its pubsub listener goes), and `ended` runs exactly once however the stream stops.
 */
function sharedStream(source: AsyncIterable<unknown>, hooks: StreamHooks): AsyncIterableIterator<ExecutionResult> {
  const events = source[Symbol.asyncIterator]();
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    hooks.ended();
    await events.return?.();
  };
  const failed = async (error: unknown): Promise<never> => {
    await close();
    throw error;
  };
  const done = async (): Promise<IteratorResult<ExecutionResult>> => {
    await close();
    return { done: true, value: undefined };
  };
  return {
    async next() {
      try {
        const event = await events.next();
        if (event.done) return await done();
        const result = await hooks.resultFor(event.value);
        hooks.delivered();
        return { done: false, value: result };
      } catch (error) {
        return failed(error);
      }
    },
    return: done,
    throw: failed,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Whether every field the operation selects, its root field included, is marked SHARED_ACROSS_VIEWERS. */
function selectsOnlySharedFields({ schema, document, operationName }: ExecutionArgs): boolean {
  const operation = getOperationAST(document, operationName);
  const root = schema.getSubscriptionType();
  if (!operation || !root) return false;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return selectionIsShared({ schema, fragments }, root, operation.selectionSet);
}

interface DocumentScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
}

function selectionIsShared(scope: DocumentScope, parent: GraphQLCompositeType, selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return fieldIsShared(scope, parent, selection);
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return selectionIsShared(scope, conditionType(scope.schema, selection.typeCondition, parent), selection.selectionSet);
    }
    const fragment = scope.fragments[selection.name.value];
    return fragment !== undefined && selectionIsShared(scope, conditionType(scope.schema, fragment.typeCondition, parent), fragment.selectionSet);
  });
}

function fieldIsShared(scope: DocumentScope, parent: GraphQLCompositeType, node: FieldNode): boolean {
  if (node.name.value === '__typename') return true;
  return fieldsNamed(scope.schema, parent, node.name.value).every((field) => {
    if (!isMarked(field)) return false;
    return node.selectionSet === undefined || nestedIsShared(scope, field, node.selectionSet);
  });
}

function nestedIsShared(scope: DocumentScope, field: GraphQLField<unknown, unknown>, selectionSet: SelectionSetNode): boolean {
  const type = getNamedType(field.type);
  return isCompositeType(type) && selectionIsShared(scope, type, selectionSet);
}

/** The field as every concrete type that may answer it defines it; none when unknown (never shared). */
function fieldsNamed(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown>[] {
  const types = isAbstractType(parent) ? schema.getPossibleTypes(parent) : isObjectType(parent) ? [parent] : [];
  const fields = types.map((type) => type.getFields()[name]);
  return fields.length > 0 && fields.every((field) => field !== undefined) ? fields : [];
}

function conditionType(schema: GraphQLSchema, condition: NamedTypeNode | undefined, parent: GraphQLCompositeType): GraphQLCompositeType {
  const type = condition ? schema.getType(condition.name.value) : parent;
  return isCompositeType(type) ? type : parent;
}

function isMarked(field: GraphQLField<unknown, unknown>): boolean {
  return field.extensions?.sharedAcrossViewers === true;
}

function viewerScope(contextValue: unknown): string {
  const viewer = (contextValue as Context | undefined)?.viewer;
  return viewer ? String(viewer.userId) : 'anonymous';
}

/** JSON with object keys sorted, so equal variables give equal keys whatever order the client sent. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (isPlainObject(inner) ? sortedByKey(inner) : inner));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortedByKey(object: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(object).sort();
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
