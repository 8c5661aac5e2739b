/**
 * Sample results of a route's GraphQL operation, shaped by its selection set and the schema, to run
 * the route's `respond` on: the OpenAPI document infers each success body's JSON Schema from what
 * `respond` makes of them (src/rest/openapi-answers.ts).
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLLeafType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A JSON object scalar's sample: an object with this one key stands for "any object" in the inferred schema. */
export const ANY_OBJECT_KEY = '\u2063any';

/** Three samples of each leaf: a usual value, an empty or zero one, and another, so that whatever depends on a value varies. */
type Samples = readonly [unknown, unknown, unknown];

const SCALAR_SAMPLES: Record<string, Samples> = {
  String: ['Sample text', '', 'Another sample text, longer than the first: with punctuation; and more.'],
  Int: [1, 0, 123456],
  Float: [1.5, 0, 1234.25],
  Boolean: [true, false, true],
  ID: ['101', '0', '654321'],
  // Serialised forms of the gateway's custom scalars.
  DateTimeISO: ['2024-05-06T07:08:09.000Z', '1970-01-01T00:00:00.000Z', '2031-12-31T23:59:59.999Z'],
  JSONObject: [{ [ANY_OBJECT_KEY]: true }, { [ANY_OBJECT_KEY]: true }, { [ANY_OBJECT_KEY]: true }],
};

/**
 * The texts of the string, ID and number samples: an object key that is one of them was made from
 * data (a map by PSID, say), not named by the shape.
 */
const SAMPLE_KEYS = new Set(['String', 'ID', 'Int', 'Float'].flatMap((name) => SCALAR_SAMPLES[name].map(String)));

export function isSampleKey(key: string): boolean {
  return SAMPLE_KEYS.has(key);
}

/** One value of the result tree: a leaf, a list or an object, and whether GraphQL may give null there. */
export type SampleNode = { id: number; nullable: boolean } & ({ kind: 'leaf'; samples: Samples } | { kind: 'list'; of: SampleNode } | { kind: 'object'; typename: string; fields: SampleField[] });

/** A selected field: its key in the result (the alias) and whether an @include/@skip may leave it out. */
export interface SampleField {
  key: string;
  node: SampleNode;
  conditional: boolean;
}

/** What one sample does at each node of the tree. */
export interface SampleChoices {
  isNull(node: SampleNode): boolean;
  listLength(node: SampleNode): number;
  isAbsent(field: SampleField): boolean;
  /** Index of the leaf's sample (0, 1 or 2). */
  leaf(node: SampleNode): number;
}

/** The result tree of one operation of a document. */
export function operationTree(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): SampleNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName === undefined ? operations[0] : operations.find((o) => o.name?.value === operationName);
  if (!operation || (operationName === undefined && operations.length > 1)) throw new Error(`no operation ${operationName ?? '(unnamed)'} in the document`);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  let nextId = 0;

  const objectNode = (type: GraphQLCompositeType, sets: SelectionSetNode[], nullable: boolean): SampleNode => {
    // An abstract type is sampled as its first possible type.
    const concrete = isAbstractType(type) ? schema.getPossibleTypes(type)[0] : type;
    const applies = (condition: string | undefined) => {
      if (condition === undefined || condition === concrete.name) return true;
      const named = schema.getType(condition);
      return named !== undefined && isAbstractType(named) && schema.isSubType(named, concrete);
    };
    // A field selected twice (in two fragments, say) is one key whose selections GraphQL merges.
    const selected = new Map<string, { name: string; sets: SelectionSetNode[]; conditional: boolean }>();
    const visit = (set: SelectionSetNode, conditional: boolean) => {
      for (const selection of set.selections) {
        const optional = conditional || (selection.directives ?? []).some((d) => d.name.value === 'include' || d.name.value === 'skip');
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const entry = selected.get(key) ?? { name: selection.name.value, sets: [], conditional: optional };
          entry.conditional &&= optional;
          if (selection.selectionSet) entry.sets.push(selection.selectionSet);
          selected.set(key, entry);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet, optional);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment) throw new Error(`unknown fragment ${selection.name.value}`);
          if (applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet, optional);
        }
      }
    };
    for (const set of sets) visit(set, false);
    const fields = [...selected].map(([key, { name, sets: inner, conditional }]): SampleField => {
      if (name === '__typename') return { key, conditional, node: { id: nextId++, nullable: false, kind: 'leaf', samples: [concrete.name, concrete.name, concrete.name] } };
      const field = concrete.getFields()[name];
      if (!field) throw new Error(`${concrete.name} has no field ${name}`);
      return { key, conditional, node: outputNode(field.type, inner) };
    });
    return { id: nextId++, nullable, kind: 'object', typename: concrete.name, fields };
  };

  const outputNode = (type: GraphQLOutputType, selections: SelectionSetNode[]): SampleNode => {
    const nullable = !isNonNullType(type);
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) return { id: nextId++, nullable, kind: 'list', of: outputNode(inner.ofType, selections) };
    if (isLeafType(inner)) return { id: nextId++, nullable, kind: 'leaf', samples: leafSamples(inner) };
    return objectNode(inner, selections, nullable);
  };

  return objectNode(root, [operation.selectionSet], false);
}

function leafSamples(type: GraphQLLeafType): Samples {
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return [values[0], values[values.length - 1], values[Math.floor(values.length / 2)]];
  }
  const samples = SCALAR_SAMPLES[type.name];
  if (!samples) throw new Error(`no sample values for the scalar ${type.name}: add them to SCALAR_SAMPLES`);
  return samples;
}

/** A result of the operation as `execute` would give it, built by the choices. */
export function sampleResult(node: SampleNode, choose: SampleChoices): unknown {
  if (node.nullable && choose.isNull(node)) return null;
  switch (node.kind) {
    case 'leaf':
      return structuredClone(node.samples[choose.leaf(node)]);
    case 'list':
      return Array.from({ length: choose.listLength(node) }, () => sampleResult(node.of, choose));
    case 'object':
      return Object.fromEntries(node.fields.filter((f) => !(f.conditional && choose.isAbsent(f))).map((f) => [f.key, sampleResult(f.node, choose)]));
  }
}

/** Every node of the tree, and every field that an @include/@skip may leave out. */
export function nodesOf(node: SampleNode): { nodes: SampleNode[]; conditional: SampleField[] } {
  const nodes: SampleNode[] = [];
  const conditional: SampleField[] = [];
  const walk = (n: SampleNode) => {
    nodes.push(n);
    if (n.kind === 'list') walk(n.of);
    if (n.kind === 'object') {
      for (const field of n.fields) {
        if (field.conditional) conditional.push(field);
        walk(field.node);
      }
    }
  };
  walk(node);
  return { nodes, conditional };
}

/** A small deterministic random source (mulberry32), so the document is the same at every build. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
