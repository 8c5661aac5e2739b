import {
  type FieldNode,
  type FragmentSpreadNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type GraphQLResolveInfo,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';
import type { Columns } from '../db/columns';

export type { Columns };

/**
 * Which row columns each GraphQL field of an object type reads, for loaders and lists that select
 * only what an operation asks for. `always` is read whatever is selected (the id, the keys rules
 * and list windows need); a field missing from `fields` reads every column, so a field added to the
 * type without an entry here costs speed, never a wrong answer.
 */
export interface Projection {
  readonly always: readonly string[];
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

/** Where the objects sit under the field being resolved: the field itself, or a connection's nodes. */
export type Placement = 'object' | 'connection';

/** What a selection is read with: the operation's fragments and variables (a GraphQLResolveInfo is one). */
type Fragments = Pick<GraphQLResolveInfo, 'fragments' | 'variableValues'>;

/** Whether `@skip` / `@include` keep a selection (as graphql-js decides when it executes). */
function included(node: FieldNode | FragmentSpreadNode | InlineFragmentNode, variables: GraphQLResolveInfo['variableValues']): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** The fields of selection sets, through fragment spreads and inline fragments (a superset where type conditions differ), without those directives leave out. */
function fieldsOf(sets: readonly SelectionSetNode[], scope: Fragments): FieldNode[] {
  const fields: FieldNode[] = [];
  const { fragments, variableValues } = scope;
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (!included(selection, variableValues)) continue;
      if (selection.kind === 'Field') fields.push(selection);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
        seen.add(selection.name.value);
        visit(fragments[selection.name.value].selectionSet, seen);
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return fields;
}

const selectionsOf = (fieldNodes: readonly FieldNode[]) => fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));

/** The nodes of the fields named `name` among `fields`' subfields: how a child field is asked for. */
export function subfields(fieldNodes: readonly FieldNode[], name: string, fragments: Fragments): FieldNode[] {
  return fieldsOf(selectionsOf(fieldNodes), fragments).filter((field) => field.name.value === name);
}

/** The fields each object gets under `fieldNodes`: their subfields, or a connection's `nodes` and `edges { node }` subfields. */
export function objectFields(fieldNodes: readonly FieldNode[], placement: Placement, fragments: Fragments): FieldNode[] {
  const holders = placement === 'object' ? fieldNodes : [...subfields(fieldNodes, 'nodes', fragments), ...subfields(subfields(fieldNodes, 'edges', fragments), 'node', fragments)];
  return fieldsOf(selectionsOf(holders), fragments);
}

/** The columns objects asked for with `fields` read; `null` (every column) when one is not in the projection. */
export function columnsOfFields(fields: readonly FieldNode[], projection: Projection): Columns {
  const columns = new Set(projection.always);
  for (const field of fields) {
    if (field.name.value === '__typename') continue;
    const read = projection.fields[field.name.value];
    if (read === undefined) return null;
    for (const column of read) columns.add(column);
  }
  return [...columns].sort();
}

/**
 * Per field node list (graphql-js hands every item of a list the same array), what `compute` gives
 * for `key` and `name`: computed once per operation and place, not per row.
 */
const memo = new WeakMap<readonly FieldNode[], Map<unknown, Map<string, unknown>>>();
export function perOperation<T>(fieldNodes: readonly FieldNode[], key: unknown, name: string, compute: () => T): T {
  let byKey = memo.get(fieldNodes);
  if (!byKey) memo.set(fieldNodes, (byKey = new Map<unknown, Map<string, unknown>>()));
  let byName = byKey.get(key);
  if (!byName) byKey.set(key, (byName = new Map<string, unknown>()));
  if (byName.has(name)) return byName.get(name) as T;
  const value = compute();
  byName.set(name, value);
  return value;
}

/** The columns the field being resolved reads of the objects it returns (see Projection). */
export function columnsFor(info: GraphQLResolveInfo, projection: Projection, placement: Placement = 'object'): Columns {
  return perOperation(info.fieldNodes, projection, placement, () => columnsOfFields(objectFields(info.fieldNodes, placement, info), projection));
}
