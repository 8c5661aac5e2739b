import { parse, validate } from 'graphql';
import { DEFAULT_QUERY } from '../../src/graphiql/graphiql-page';
import { createGatewayPubSub } from '../../src/graphql/pubsub';
import { buildGatewaySchema } from '../../src/graphql/schema';

test('the operations GraphiQL opens with are valid against the schema', () => {
  const document = parse(DEFAULT_QUERY);
  const names = document.definitions.map((definition) => ('name' in definition ? definition.name?.value : undefined));
  expect(names).toEqual(['Login', 'Viewer', 'Presence', 'GoOnline', 'MyChats', 'NewMessages', 'SendMessage']);
  expect(validate(buildGatewaySchema(createGatewayPubSub()), document).map((error) => error.message)).toEqual([]);
});
