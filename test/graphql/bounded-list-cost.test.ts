import { parse } from 'graphql';
import { BOUNDED_LIST_SIZES, operationCost } from '../../src/graphql/limits';
import { createGatewayPubSub } from '../../src/graphql/pubsub';
import { buildGatewaySchema } from '../../src/graphql/schema';

const schema = buildGatewaySchema(createGatewayPubSub());
const cost = (query: string) => operationCost(schema, parse(query), {});

test('a connection under a plain list bounded at 100 is priced by that bound, not by ten', () => {
  // 25 posts × up to 100 reactors × 20 followers = 50,000 users: over the default QUERY_MAX_COST (25,000).
  expect(cost('{ posts(first: 25) { nodes { reactors(slot: 1) { followers { nodes { id } } } } } }')).toBeGreaterThan(50_000);
});

test('every bounded list named for pricing is a list field of the schema', () => {
  for (const coordinate of Object.keys(BOUNDED_LIST_SIZES)) {
    const [type, field] = coordinate.split('.');
    const owner = schema.getType(type) as { getFields?: () => Record<string, unknown> } | undefined;
    expect({ coordinate, found: Boolean(owner?.getFields?.()[field]) }).toEqual({ coordinate, found: true });
  }
});
