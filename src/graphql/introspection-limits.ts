import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  type GraphQLSchema,
  type GraphQLType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isWrappingType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';

/**
 * Introspection (`__schema`, `__type`) is measured apart from QUERY_MAX_DEPTH and QUERY_MAX_COST,
 * as graphql-armor's `ignoreIntrospection` and @graphile/depth-limit's introspection limits do:
 * every tool sends graphql-js's standard introspection query, 15 fields deep (its TypeRef fragment
 * nests `ofType` nine times), and the ordinary limits were set for the gateway's own data. The
 * introspection types are cyclic (a field's type has fields), so they keep bounds of their own:
 * this depth, graphql-js's MaxIntrospectionDepthRule (at most two nested `fields`/`inputFields`/
 * `interfaces`/`possibleTypes`, among the rules both transports validate with), and a cost.
 */
export const INTROSPECTION_MAX_DEPTH = 20;

/** Introspection may cost this many times the standard introspection query (every option) on the same schema. */
export const INTROSPECTION_COST_FACTOR = 2;

/** The standard query with every option graphql 16 has: the most any tool asks for. */
export const FULL_INTROSPECTION_QUERY = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
  experimentalDirectiveDeprecation: true,
});

/** The introspection root fields; graphql-js offers them on the query type only. */
export const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** Items of an introspection list in this schema: on average over all its owners, and the most one owner has. */
interface ListSize {
  average: number;
  most: number;
}

/** What introspection of one schema returns, counted from the schema itself. */
interface SchemaSizes {
  /** By coordinate (`__Type.fields`); lists of scalars (`__Directive.locations`) count as one field. */
  lists: Map<string, ListSize>;
  /** The most `ofType` levels any field or argument type has (`[String!]!`: 3). */
  wrapping: number;
}

/** A schema's sizes and the budget they give: the standard introspection query's cost times INTROSPECTION_COST_FACTOR. */
interface SchemaCounts extends SchemaSizes {
  budget: number;
}

/**
 * Lists whose items belong to one owner each (a field to its type, an argument to its field): listing
 * them for every owner lists each item once, so the average is exact. Under a type reached one at a
 * time (`__type`, a field's `type`, `interfaces`) the largest count is used instead.
 */
const OWNED_LISTS = new Set(['__Schema.types', '__Schema.directives', '__Type.fields', '__Type.inputFields', '__Type.enumValues', '__Field.args', '__Directive.args']);

/**
 * Lists of types a type names (its interfaces, an abstract type's possible types): under every
 * type at once their average is exact too (every entity type implements Node), but each item is a
 * type reached one at a time.
 */
const SHARED_LISTS = new Set(['__Type.interfaces', '__Type.possibleTypes']);

/** Where a selection is, as the cost walk goes down the introspection types. */
interface Position {
  /** The introspection type selected on: `__Schema`, `__Type`, `__Field`, … */
  type: string;
  /** Whether this is every owner of its kind at once (all types, all their fields), so averages apply. */
  everyOwner: boolean;
  /** How many more `ofType` levels can still be non-null here. */
  wrapsLeft: number;
}

/** Finds a fragment of the document by name. */
export type FragmentLookup = (name: string) => FragmentDefinitionNode | null | undefined;

const countsBySchema = new WeakMap<GraphQLSchema, SchemaCounts>();

/** The counts of `schema`, made on first use. */
function countsOf(schema: GraphQLSchema): SchemaCounts {
  let counts = countsBySchema.get(schema);
  if (!counts) {
    const sizes = sizesOf(schema);
    const standard = parse(FULL_INTROSPECTION_QUERY);
    const operation = standard.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    counts = { ...sizes, budget: INTROSPECTION_COST_FACTOR * costWith(schema, sizes, operation.selectionSet, fragmentLookup(standard)) };
    countsBySchema.set(schema, counts);
  }
  return counts;
}

/** The largest introspection cost an operation may have on `schema`; see INTROSPECTION_COST_FACTOR. */
export function introspectionBudget(schema: GraphQLSchema): number {
  return countsOf(schema).budget;
}

/** Finds the document's fragments by name. */
export function fragmentLookup(document: DocumentNode): FragmentLookup {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return (name) => fragments.get(name);
}

function sizesOf(schema: GraphQLSchema): SchemaSizes {
  const perOwner = new Map<string, number[]>();
  const add = (coordinate: string, count: number) => {
    const counts = perOwner.get(coordinate);
    if (counts) counts.push(count);
    else perOwner.set(coordinate, [count]);
  };
  let wrapping = 0;
  const wraps = (type: GraphQLType) => {
    let levels = 0;
    for (let t = type; isWrappingType(t); t = t.ofType) levels++;
    wrapping = Math.max(wrapping, levels);
  };
  const types = Object.values(schema.getTypeMap());
  add('__Schema.types', types.length);
  add('__Schema.directives', schema.getDirectives().length);
  for (const type of types) {
    const fields = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
    const inputFields = isInputObjectType(type) ? Object.values(type.getFields()) : [];
    add('__Type.fields', fields.length);
    add('__Type.inputFields', inputFields.length);
    add('__Type.enumValues', isEnumType(type) ? type.getValues().length : 0);
    add('__Type.interfaces', isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().length : 0);
    add('__Type.possibleTypes', isAbstractType(type) ? schema.getPossibleTypes(type).length : 0);
    for (const field of fields) {
      add('__Field.args', field.args.length);
      wraps(field.type);
      field.args.forEach((arg) => wraps(arg.type));
    }
    inputFields.forEach((field) => wraps(field.type));
  }
  for (const directive of schema.getDirectives()) {
    add('__Directive.args', directive.args.length);
    directive.args.forEach((arg) => wraps(arg.type));
  }
  const lists = new Map<string, ListSize>();
  for (const [coordinate, counts] of perOwner) {
    const total = counts.reduce((sum, count) => sum + count, 0);
    lists.set(coordinate, { average: total / counts.length, most: Math.max(...counts) });
  }
  return { lists, wrapping };
}

/**
 * Estimated size of what a selection set's introspection returns: each field 1, a list field 1 plus
 * its items times the schema's own count (average or most, see OWNED_LISTS), an `ofType` past the
 * schema's deepest wrapping 1 (it is null). For the standard query this is about half again the
 * fields in the answer (every field's type is counted as wrapped as the most wrapped one). Outside
 * introspection only `__schema` and `__type` count, each once where it stands. A fragment is priced
 * once per position it is spread at, so fragments spreading each other cost the walk no more than
 * the document's length.
 */
export function introspectionCost(schema: GraphQLSchema, selectionSet: SelectionSetNode, fragments: FragmentLookup): number {
  return costWith(schema, countsOf(schema), selectionSet, fragments);
}

function costWith(schema: GraphQLSchema, sizes: SchemaSizes, selectionSet: SelectionSetNode, fragments: FragmentLookup): number {
  const memo = new Map<string, number>();

  /** Cost of a selection set at `at` (null: outside introspection). */
  const walk = (set: SelectionSetNode, at: Position | null, active: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += at ? fieldCost(selection, at, active) : ordinaryFieldCost(selection, active);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(selection.selectionSet, at, active);
      } else {
        const name = selection.name.value;
        const fragment = fragments(name);
        if (!fragment || active.has(name)) continue; // unknown fragments and cycles are graphql's own rules' to report
        const key = at ? `${name}|${at.type}|${at.everyOwner}|${at.wrapsLeft}` : name;
        let fragmentCost = memo.get(key);
        if (fragmentCost === undefined) {
          fragmentCost = walk(fragment.selectionSet, at, new Set([...active, name]));
          memo.set(key, fragmentCost);
        }
        cost += fragmentCost;
      }
    }
    return cost;
  };

  /** Outside introspection: `__schema` and `__type` start it, other fields may hold it. */
  const ordinaryFieldCost = (field: FieldNode, active: ReadonlySet<string>): number => {
    if (!field.selectionSet) return 0;
    if (field.name.value === '__schema') return 1 + walk(field.selectionSet, { type: '__Schema', everyOwner: true, wrapsLeft: 0 }, active);
    if (field.name.value === '__type') return 1 + walk(field.selectionSet, { type: '__Type', everyOwner: false, wrapsLeft: 0 }, active);
    return walk(field.selectionSet, null, active);
  };

  /** A field of an introspection type. */
  const fieldCost = (field: FieldNode, at: Position, active: ReadonlySet<string>): number => {
    const parent = schema.getType(at.type);
    const definition = isObjectType(parent) ? parent.getFields()[field.name.value] : undefined;
    if (!field.selectionSet || !definition) return 1; // a scalar, a list of scalars, __typename
    if (field.name.value === 'ofType' && at.wrapsLeft === 0) return 1; // null: no type is wrapped that deep
    const type = getNamedType(definition.type).name;
    const coordinate = `${at.type}.${field.name.value}`;
    const size = sizes.lists.get(coordinate);
    if (!size || !isListType(getNullableType(definition.type))) {
      const wrapsLeft = field.name.value === 'ofType' ? at.wrapsLeft - 1 : field.name.value === 'type' ? sizes.wrapping : 0;
      return 1 + walk(field.selectionSet, { type, everyOwner: false, wrapsLeft }, active);
    }
    const everyOwner = at.everyOwner && OWNED_LISTS.has(coordinate);
    const average = everyOwner || (at.everyOwner && SHARED_LISTS.has(coordinate));
    return 1 + (average ? size.average : size.most) * walk(field.selectionSet, { type, everyOwner, wrapsLeft: 0 }, active);
  };

  return Math.ceil(walk(selectionSet, null, new Set()));
}
