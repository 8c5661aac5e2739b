import { parse } from 'graphql';
import { buildGatewaySchema } from '../../src/graphql/schema';
import { createGatewayPubSub } from '../../src/graphql/pubsub';
import { families } from '../../src/rest/families';
import { assertValidOperation, preparedOperation } from '../../src/rest/mounter';

// The gateway validates a shim's operation at its first call, not at start; this proves them all valid.
const schema = buildGatewaySchema(createGatewayPubSub());
const routes = families.flatMap((family) => family.routes.map((route) => [family.name, route.method, route.path, route] as const));

test.each(routes)('%s %s %s: its operation fits the schema', (family, _method, _path, route) => {
  expect(() => assertValidOperation(schema, parse(route.operation), route, family)).not.toThrow();
  if (route.prelude) expect(() => assertValidOperation(schema, parse(route.prelude!.operation), route, family)).not.toThrow();
});

test('a broken operation is refused with the route named', () => {
  const route = { ...routes[0][3], operation: 'query Broken { noSuchField }' };
  expect(() => assertValidOperation(schema, parse(route.operation), route, 'social')).toThrow(/social .*: invalid operation: Cannot query field "noSuchField"/);
});

test("a route's operation is parsed and validated at its first call, not when it is mounted, and once", () => {
  const [family, , , route] = routes[0];
  const broken = preparedOperation(schema, { ...route, operation: 'query Broken {' }, family);
  expect(() => broken()).toThrow(/Syntax Error/);
  const operation = preparedOperation(schema, route, family);
  expect(operation()).toBe(operation());
});
