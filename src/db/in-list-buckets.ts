import {
  type BinaryOperationNode,
  type KyselyPlugin,
  type OperatorNode,
  PrimitiveValueListNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** Lists up to this length are padded; a longer one (only the bulk paths send them) keeps its length. */
const MAX_PADDED = 1024;

/** The smallest power of two at least `n`. */
function bucketOf(n: number): number {
  return 2 ** Math.ceil(Math.log2(n));
}

/** The values of an `in` / `not in` whose list is not at its bucket length yet, or null. */
function unpaddedList(node: BinaryOperationNode): readonly unknown[] | null {
  const { operator, rightOperand: list } = node;
  if (operator.kind !== 'OperatorNode' || list.kind !== 'PrimitiveValueListNode') return null;
  const name = (operator as OperatorNode).operator;
  if (name !== 'in' && name !== 'not in') return null;
  const values = (list as PrimitiveValueListNode).values;
  return values.length > 0 && values.length <= MAX_PADDED && bucketOf(values.length) !== values.length ? values : null;
}

/**
 * The node with every unpadded IN list padded by repeating its last value (which changes no answer).
 * Only the nodes on the way to a changed list are copied; a query without one comes back as it was.
 */
function padded(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) {
    let items: unknown[] | null = null;
    for (let i = 0; i < node.length; i++) {
      const next = padded(node[i]);
      if (next !== node[i]) (items ??= [...(node as unknown[])])[i] = next;
    }
    return items ? Object.freeze(items) : node;
  }
  const fields = node as Record<string, unknown>;
  const kind = fields.kind;
  if (kind === 'PrimitiveValueListNode' || kind === 'ValueNode' || kind === 'ValuesNode') return node;
  let copy: Record<string, unknown> | null = null;
  if (kind === 'BinaryOperationNode') {
    const values = unpaddedList(node as BinaryOperationNode);
    if (values) {
      const filler = Array<unknown>(bucketOf(values.length) - values.length).fill(values[values.length - 1]);
      copy = { ...fields, rightOperand: PrimitiveValueListNode.create([...values, ...filler]) };
    }
  }
  for (const key in fields) {
    const value = fields[key];
    if (typeof value !== 'object' || value === null || (copy && key === 'rightOperand' && kind === 'BinaryOperationNode')) continue;
    const next = padded(value);
    if (next !== value) (copy ??= { ...fields })[key] = next;
  }
  return copy ? Object.freeze(copy) : node;
}

/**
 * Gives `x in (…)` a handful of SQL texts rather than one per list length: lists are padded to the
 * next power of two (1, 2, 4 … 1024). The prepared-statement cache (src/db/connection.ts) then holds
 * about eleven statements per query shape, whatever lengths callers send.
 */
export class InListBucketsPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return padded(args.node) as RootOperationNode;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
