import type { Client } from 'graphql-ws';
import { type Member, newMembers, ok } from '../support/graphql';
import { collect, probeMessage, type Stream, wsClient } from '../support/ws';
import { describeWithRedis, type GatewayPair, startGatewayPair, waitFor } from './two-gateways';
import { toGlobalId } from '../../src/graphql/node';

const MESSAGE_ADDED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text } }';

describeWithRedis('sessions on open sockets, two gateways', () => {
  let pair: GatewayPair;
  beforeAll(async () => {
    pair = await startGatewayPair('socket-sessions');
  });
  afterAll(() => pair.close());

  test("logout on instance A ends the same session's socket on instance B within a second; another session's socket on B stays", async () => {
    const [ann, bob] = await newMembers(pair.a, 2, 'pairlogout');
    const chatId = ok(await pair.a.gql('mutation($with: ID!) { setChatColor(input: { withUserId: $with, color: "#ffffff" }) { id: databaseId } }', { with: toGlobalId('User', bob.id) }, ann.token))
      .setChatColor.id;
    let closedWith: number | null = null;
    let othersClosed: number | null = null;
    const onB = wsClient(pair.b, { Authorization: `Bearer ${ann.token}` }, { onClose: (code) => (closedWith ??= code) });
    const bobsOnB = wsClient(pair.b, { Authorization: `Bearer ${bob.token}` }, { onClose: (code) => (othersClosed ??= code) });
    const stream = await listen(onB, [ann, bob], chatId);
    await listen(bobsOnB, [ann, bob], chatId);

    expect(ok(await pair.a.gql('mutation { logout }', {}, ann.token)).logout).toBe(true);
    const loggedOutAt = Date.now();
    await waitFor(() => closedWith !== null, 1000, 'socket on B closed within a second');
    const figure = Date.now() - loggedOutAt;
    process.stderr.write(`logout on A closed the socket on B after ${figure} ms\n`);
    expect(closedWith).toBe(4403);
    expect(stream.errors).toEqual([[expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]]);
    expect(othersClosed).toBeNull();
  });

  /** Subscribes on B and resolves once events published on A reach it (Redis subscribed on both ends). */
  async function listen(client: Client, participants: Member[], chatId: number): Promise<Stream> {
    const stream = collect(client, MESSAGE_ADDED, { chatId: toGlobalId('Chat', chatId) });
    await waitFor(
      () => {
        if (stream.probes === 0)
          probeMessage(
            pair.a,
            participants.map((m) => m.id),
            chatId,
          );
        return stream.probes > 0;
      },
      5000,
      'subscription on B streaming',
    );
    return stream;
  }
});
