import { FETCHABLE_NODE_TYPES } from '../../src/graphql/node.resolver';
import { toGlobalId } from '../../src/graphql/node';
import { startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

test('nodes(ids:) with 100 ids reads a bounded number of statements, signed in or not; 101 ids are refused', async () => {
  const m = await gw.member('stmtprobe');
  const ids = Array.from({ length: 100 }, (_, i) => toGlobalId(FETCHABLE_NODE_TYPES[i % FETCHABLE_NODE_TYPES.length], i + 1));
  for (const token of [undefined, m.token]) {
    const before = gw.queries.length;
    const res = await gw.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }, token);
    const statements = gw.queries.length - before;
    expect({ errors: res.body.errors?.map((e: any) => e.extensions.code) }).toEqual({ errors: undefined });
    expect(statements).toBeLessThanOrEqual(2 * FETCHABLE_NODE_TYPES.length);
    process.stdout.write(`statements (${token ? 'member' : 'anonymous'}): ${statements}\n`);
  }
  const over = await gw.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [...ids, ids[0]] });
  expect(over.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
});
