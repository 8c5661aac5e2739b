import { toGlobalId } from '../../src/graphql/node';
import { startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Message { text chat { id } } ... on Chat { participants { id } } ... on User { email } } }';

test("another user and an anonymous caller get null for a user's private nodes; a deleted message is null to its own participants", async () => {
  const a = await gw.member('nodeowner');
  const b = await gw.member('nodepeer');
  const c = await gw.member('nodeoutsider');
  const key = (await gw.gql('mutation { createApiKey(name: "k") { apiKey { id } } }', {}, a.token)).body.data.createApiKey.apiKey.id;
  const sessions = (await gw.gql('{ sessions { id } }', {}, a.token)).body.data.sessions.map((s: { id: string }) => s.id);
  const sent = await gw.gql(
    'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id chat { id participants { id } } } }',
    { i: { toUserId: toGlobalId('User', b.id), text: 'secret' } },
    a.token,
  );
  const message = sent.body.data.sendMessage;
  const gone = await gw.gql('mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }', { i: { chatId: message.chat.id, text: 'to delete' } }, a.token);
  const goneId = gone.body.data.sendMessage.id;
  expect((await gw.gql('mutation($m: ID!) { deleteMessage(messageId: $m) }', { m: goneId }, a.token)).body.errors).toBeUndefined();
  const ids = [key, ...sessions, message.id, message.chat.id, ...message.chat.participants.map((p: { id: string }) => p.id), goneId];
  for (const token of [c.token, undefined]) {
    const res = await gw.gql(NODES, { ids }, token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.nodes).toEqual(ids.map(() => null));
  }
  const own = await gw.gql(NODES, { ids: [message.id, goneId, toGlobalId('User', a.id)] }, b.token);
  expect(own.body.data.nodes[0]).toMatchObject({ text: 'secret' });
  expect(own.body.data.nodes[1]).toBeNull();
  expect(own.body.data.nodes[2].email).toBeNull();
});
