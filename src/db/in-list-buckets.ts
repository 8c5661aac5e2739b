import {
  type BinaryOperationNode,
  type KyselyPlugin,
  OperationNodeTransformer,
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

/** Pads the value list of every `in` / `not in` to its bucket by repeating its last value, which changes no answer. */
class InListPadder extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const transformed = super.transformBinaryOperation(node);
    const { operator, rightOperand: list } = transformed;
    if (operator.kind !== 'OperatorNode' || list.kind !== 'PrimitiveValueListNode') return transformed;
    const name = (operator as unknown as { operator: string }).operator;
    const values = (list as unknown as { values: readonly unknown[] }).values;
    if ((name !== 'in' && name !== 'not in') || values.length === 0 || values.length > MAX_PADDED) return transformed;
    const padded = [...values, ...Array<unknown>(bucketOf(values.length) - values.length).fill(values[values.length - 1])];
    return { ...transformed, rightOperand: { ...list, values: padded } as typeof list };
  }
}

/**
 * Gives `x in (…)` a handful of SQL texts rather than one per list length: lists are padded to the
 * next power of two (1, 2, 4 … 1024). The prepared-statement cache (src/db/connection.ts) then holds
 * about eleven statements per query shape, whatever lengths callers send.
 */
export class InListBucketsPlugin implements KyselyPlugin {
  private readonly padder = new InListPadder();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.padder.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
