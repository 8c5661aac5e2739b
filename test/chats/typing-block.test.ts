import { toGlobalId } from '../../src/graphql/node';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ok as data, newMembers } from '../support/graphql';
import { social } from '../support/social';
import { closeGateway, wsClient } from '../support/ws';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('"typing…" across a block', () => {
  test("a blocked user's typing in the direct chat reaches the blocker neither over GraphQL nor the social API", async () => {
    const [ann, bob] = await newMembers(gw, 2, 'typeblock');
    const chatId = data(await gw.gql('mutation($i: SendMessageInput!) { sendMessage(input: $i) { chatId: chatDatabaseId } }', { i: { toUserId: toGlobalId('User', bob.id), text: 'hi' } }, ann.token))
      .sendMessage.chatId;
    const events: unknown[] = [];
    const client = wsClient(gw, { token: ann.token });
    await new Promise<void>((resolve) => {
      client.subscribe(
        { query: 'subscription($c: ID!) { typingChanged(chatId: $c) { userId: userDatabaseId typing } }', variables: { c: toGlobalId('Chat', chatId) } },
        { next: (e) => events.push(e.data), error: () => undefined, complete: () => undefined },
      );
      setTimeout(resolve, 300);
    });
    // Before the block Bob's typing reaches Ann; after it, by no door.
    data(await gw.gql(`mutation { setTyping(input: { typing: true, chatId: "${toGlobalId('Chat', chatId)}" }) }`, {}, bob.token));
    await sleep(200);
    data(await gw.gql('mutation($id: ID!) { blockUser(userId: $id) }', { id: toGlobalId('User', bob.id) }, ann.token));
    await gw.gql(`mutation { setTyping(input: { typing: true, chatId: "${toGlobalId('Chat', chatId)}" }) }`, {}, bob.token);
    await gw.gql(`mutation { setTyping(input: { typing: true, withUserId: "${toGlobalId('User', ann.id)}" }) }`, {}, bob.token);
    await social(gw, 'set-chat-typing-status', { user_id: String(ann.id), status: 'typing' }, bob.token);
    await sleep(300);
    expect(events).toEqual([{ typingChanged: { userId: bob.id, typing: true } }]);
  });
});
