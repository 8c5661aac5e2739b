import { isObjectType } from 'graphql';
import { toGlobalId } from '../../src/graphql/node';
import { FETCHABLE_NODE_TYPES } from '../../src/graphql/node.resolver';
import { createGatewayPubSub } from '../../src/graphql/pubsub';
import { buildGatewaySchema } from '../../src/graphql/schema';
import { startTestGateway, type TestGateway } from '../support/gateway';

const schema = buildGatewaySchema(createGatewayPubSub());
const nodeTypes = Object.values(schema.getTypeMap())
  .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
  .map((type) => type.name)
  .sort();

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

test('every type that implements Node can be fetched by node(id:), and every entity type implements it', () => {
  expect(nodeTypes.length).toBeGreaterThanOrEqual(34);
  expect([...FETCHABLE_NODE_TYPES].sort()).toEqual(nodeTypes);
  // Every object type with a databaseId is an entity, so a Node.
  const numbered = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && 'databaseId' in type.getFields());
  expect(numbered.map((type) => type.name).sort()).toEqual(nodeTypes);
});

test('node answers null for an id of a type or row that is not there, and refuses what is not an id', async () => {
  const member = await gw.member('nodeprobe');
  const ask = (id: string) => gw.gql('query($id: ID!) { node(id: $id) { id } }', { id }, member.token);
  expect((await ask(toGlobalId('User', member.id))).body.data.node).toEqual({ id: toGlobalId('User', member.id) });
  expect((await ask(toGlobalId('User', 999_999))).body.data.node).toBeNull();
  expect((await ask(toGlobalId('NoSuchType', 1))).body.data.node).toBeNull();
  const garbage = await ask('not-an-id');
  expect(garbage.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  const many = await gw.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [toGlobalId('User', member.id), 'x'] }, member.token);
  expect(many.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids.1' });
});
