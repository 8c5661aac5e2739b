import {
  type ConstValueNode,
  type DocumentNode,
  getNullableType,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { ErrorCode } from '../errors';

/** What a list argument or input field may hold when LIST_MAXIMA does not name it. */
export const DEFAULT_LIST_MAXIMUM = 100;

/**
 * Larger maxima where the product needs them, by schema coordinate (`Type.field.argument` for an
 * argument, `Input.field` for an input field). Every other list holds at most DEFAULT_LIST_MAXIMUM.
 * A domain's own smaller limit (ten product images, fifty flow questions) still applies after.
 */
export const LIST_MAXIMA: Readonly<Record<string, number>> = {
  'ImportContactsInput.rows': 10_000,
  'ImportSubscribersInput.rows': 10_000,
  'Query.suggestions.contacts': 500,
  'TagsFilter.ids': 1000,
  'Mutation.markNotificationsSeen.ids': 1000,
  'AddParticipantsInput.userIds': 256,
  'CreateGroupChatInput.userIds': 256,
  'Mutation.reorderBoards.orders': 1000,
  'SetBoardMembersInput.changes': 1000,
  'Subscription.presenceChanged.userIds': 1000,
  'CreatePackageInput.moduleIds': 500,
  'UpdatePackageInput.moduleIds': 500,
};

function maximumOf(coordinate: string): number {
  return LIST_MAXIMA[coordinate] ?? DEFAULT_LIST_MAXIMUM;
}

function tooLong(name: string, coordinate: string, actual: number): GraphQLError {
  const limit = maximumOf(coordinate);
  return new GraphQLError(`${name} holds ${actual} items; at most ${limit} are allowed`, {
    extensions: { code: ErrorCode.BadUserInput, field: name, limit, actual, http: { status: 400 } },
  });
}

/** A variable whose value fills a list position (directly or inside an input object). */
interface ListVariable {
  variable: string;
  type: GraphQLInputType;
  name: string;
  coordinate: string;
  /** The variable's default values in the document (a literal), which fill the list when the variable is not given. */
  defaults: ConstValueNode[];
}

/** What one document needs checked: its literal lists (checked once) and the variables that fill lists. */
interface DocumentLists {
  literalError: GraphQLError | null;
  variables: ListVariable[];
}

const checked = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentLists>>();

/**
 * Refuses with BAD_USER_INPUT (never a fault further in, such as SQLite's "too many SQL variables")
 * any list argument or list input field, written in the document, passed as a variable or left to
 * a variable's default, longer than its maximum. Every door runs it: HTTP and WebSocket through
 * assertWithinLimits, the legacy shims before executing their operation.
 */
export function assertListSizes(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined): void {
  const lists = listsOf(schema, document);
  if (lists.literalError) throw lists.literalError;
  for (const list of lists.variables) {
    const value = variables?.[list.variable];
    const error =
      value === undefined
        ? list.defaults.reduce<GraphQLError | null>((found, node) => found ?? literalError(node, list.type, list.name, list.coordinate), null)
        : checkValue(value, list.type, list.name, list.coordinate);
    if (error) throw error;
  }
}

function listsOf(schema: GraphQLSchema, document: DocumentNode): DocumentLists {
  let bySchema = checked.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    checked.set(schema, bySchema);
  }
  let lists = bySchema.get(document);
  if (!lists) {
    lists = collectLists(schema, document);
    bySchema.set(document, lists);
  }
  return lists;
}

function collectLists(schema: GraphQLSchema, document: DocumentNode): DocumentLists {
  const found: DocumentLists = { literalError: null, variables: [] };
  // Defaults by variable name, over every operation of the document (a fragment may serve several).
  const defaults = new Map<string, ConstValueNode[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) defaults.set(variable.variable.name.value, [...(defaults.get(variable.variable.name.value) ?? []), variable.defaultValue]);
    }
  }
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!argument || !field || !parent || found.literalError) return; // a directive's argument, or one validation refuses
        found.literalError = literalError(node.value, argument.type, argument.name, `${parent.name}.${field.name}.${argument.name}`, (variable, type, name, coordinate) => {
          found.variables.push({ variable, type, name, coordinate, defaults: defaults.get(variable) ?? [] });
        });
      },
    }),
  );
  return found;
}

type OnListVariable = (variable: string, type: GraphQLInputType, name: string, coordinate: string) => void;

/** The first list written in a value (a document's argument, or a variable's default) longer than its maximum; variables that fill lists go to `onVariable`. */
function literalError(node: ValueNode, type: GraphQLInputType, name: string, coordinate: string, onVariable?: OnListVariable): GraphQLError | null {
  const nullable = getNullableType(type);
  if (node.kind === Kind.VARIABLE) {
    if (containsList(nullable)) onVariable?.(node.name.value, type, name, coordinate);
  } else if (node.kind === Kind.LIST && isListType(nullable)) {
    if (node.values.length > maximumOf(coordinate)) return tooLong(name, coordinate, node.values.length);
    for (const item of node.values) {
      const error = literalError(item, nullable.ofType, name, coordinate, onVariable);
      if (error) return error;
    }
  } else if (node.kind === Kind.OBJECT && isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const field of node.fields) {
      const def = fields[field.name.value];
      const error = def ? literalError(field.value, def.type, def.name, `${nullable.name}.${def.name}`, onVariable) : null;
      if (error) return error;
    }
  }
  return null;
}

/** Whether a list can appear anywhere in a value of this input type. */
function containsList(type: GraphQLInputType, seen = new Set<GraphQLInputType>()): boolean {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return true;
  if (!isInputObjectType(nullable) || seen.has(nullable)) return false;
  seen.add(nullable);
  return Object.values(nullable.getFields()).some((field) => containsList(field.type, seen));
}

/** The first list in a variable's value longer than its maximum, as an error; null when all fit. */
function checkValue(value: unknown, type: GraphQLInputType, name: string, coordinate: string): GraphQLError | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return null; // one value coerces to a list of one
    if (value.length > maximumOf(coordinate)) return tooLong(name, coordinate, value.length);
    for (const item of value) {
      const error = checkValue(item, nullable.ofType, name, coordinate);
      if (error) return error;
    }
    return null;
  }
  if (!isInputObjectType(nullable) || typeof value !== 'object') return null;
  for (const field of Object.values(nullable.getFields())) {
    const error = checkValue((value as Record<string, unknown>)[field.name], field.type, field.name, `${nullable.name}.${field.name}`);
    if (error) return error;
  }
  return null;
}
