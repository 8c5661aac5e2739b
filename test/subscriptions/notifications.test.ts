import { toGlobalId } from '../../src/graphql/node';
import type { Client } from 'graphql-ws';
import { Topic } from '../../src/graphql/pubsub';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type Member, newMembers } from '../support/graphql';
import { social } from '../support/social';
import { closeGateway, wsClient } from '../support/ws';

type Stream = { events: any[]; errors: unknown[]; probes: number; completed: boolean };

const NOTIFICATION_ADDED =
  'subscription { notificationAdded { id: databaseId type refType refId: refDatabaseId recipientId: recipientDatabaseId notifierId: notifierDatabaseId notifier { id: databaseId } } }';
/** The id of the marker notification `probe` announces; no row has it, so the server answers its "does not exist" error. */
const PROBE_ID = 0;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for a wrongly addressed event to have arrived. */
const quiet = () => sleep(300);

async function waitFor(predicate: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await sleep(20);
  }
}

function collect(client: Client): Stream {
  const stream: Stream = { events: [], errors: [], probes: 0, completed: false };
  client.subscribe<Record<string, any>>(
    { query: NOTIFICATION_ADDED },
    {
      next: (result) => {
        if (result.errors?.[0]?.message === `Notification ${PROBE_ID} does not exist`) stream.probes++;
        else stream.events.push(result.errors ? result : result.data);
      },
      error: (error) => stream.errors.push(error),
      complete: () => (stream.completed = true),
    },
  );
  return stream;
}

/** Announces the marker notification to `userId` straight on the pubsub. */
function probe(userId: number): void {
  gw.app.gateway.services.pubsub.publish(Topic.DomainEvent, {
    name: 'notification.created',
    entities: { notification: [PROBE_ID], user: [userId] },
    actorId: null,
    occurredAt: new Date().toISOString(),
  });
}

/** Subscribes as `member` and resolves once the server streams to it (a marker is announced every 50 ms until then). */
async function listen(member: Member): Promise<Stream> {
  const stream = collect(wsClient(gw, { Authorization: `Bearer ${member.token}` }));
  const deadline = Date.now() + 3000;
  while (stream.probes === 0) {
    if (stream.completed || stream.errors.length > 0 || stream.events.length > 0 || Date.now() > deadline) {
      throw new Error(`subscription did not start: ${JSON.stringify(stream)}`);
    }
    probe(member.id);
    await sleep(50);
  }
  return stream;
}

const members = (n: number) => newMembers(gw, n, 'nsub');

const rowIds = async (recipient: Member) => (await gw.app.database.db.selectFrom('notifications').select('id').where('recipient_id', '=', recipient.id).orderBy('id').execute()).map((r) => r.id);

test('notificationAdded streams a follow, a comment, a reaction and a message to the recipient only', async () => {
  const [ann, bob, cat] = await members(3);
  const anns = await listen(ann);
  const cats = await listen(cat);
  const { body } = await gw.gql('mutation { createPost(input: { content: "ann posts" }) { id: databaseId } }', {}, ann.token);
  const postId = body.data.createPost.id;

  expect((await social(gw, 'follow-user', { user_id: String(ann.id) }, bob.token)).body.follow_status).toBe('followed');
  expect((await social(gw, 'post-actions', { post_id: String(postId), action: 'comment', text: 'hello' }, bob.token)).body.action).toBe('commented');
  expect((await social(gw, 'post-actions', { post_id: String(postId), action: 'like' }, bob.token)).body.action).toBe('liked');
  expect((await social(gw, 'send-message', { user_id: String(ann.id), message_hash_id: 'n1', text: 'hi' }, bob.token)).body.api_status).toBe(200);

  await waitFor(() => anns.events.length >= 4);
  await quiet();
  const ids = await rowIds(ann);
  const commentId = (await gw.app.database.db.selectFrom('comments').select('id').where('post_id', '=', postId).executeTakeFirstOrThrow()).id;
  const messageId = (await gw.app.database.db.selectFrom('messages').select('id').where('sender_id', '=', bob.id).executeTakeFirstOrThrow()).id;
  const common = { recipientId: ann.id, notifierId: bob.id, notifier: { id: bob.id } };
  expect(anns.events).toEqual([
    { notificationAdded: { id: ids[0], type: 'FOLLOWING', refType: 'USER', refId: bob.id, ...common } },
    { notificationAdded: { id: ids[1], type: 'COMMENT', refType: 'COMMENT', refId: commentId, ...common } },
    { notificationAdded: { id: ids[2], type: 'REACTION', refType: 'POST', refId: postId, ...common } },
    { notificationAdded: { id: ids[3], type: 'MESSAGE', refType: 'MESSAGE', refId: messageId, ...common } },
  ]);
  expect(anns.errors).toEqual([]);
  expect(cats.events).toEqual([]);
});

test("a refused change and one's own doing stream nothing", async () => {
  const [ann, bob] = await members(2);
  const anns = await listen(ann);
  await gw.gql('mutation($id: ID!) { blockUser(userId: $id) }', { id: toGlobalId('User', bob.id) }, ann.token);
  expect((await social(gw, 'follow-user', { user_id: String(ann.id) }, bob.token)).body.api_status).toBe('400');
  const { body } = await gw.gql('mutation { createPost(input: { content: "mine" }) { id: databaseId } }', {}, ann.token);
  await gw.gql('mutation($p: ID!) { reactToPost(input: { postId: $p, slot: 1 }) { id: databaseId } }', { p: toGlobalId('Post', body.data.createPost.id) }, ann.token);
  await quiet();
  expect(anns.events).toEqual([]);
  expect(await rowIds(ann)).toEqual([]);
});

test('a socket without a valid token is closed with 4403', async () => {
  const closed = await new Promise<number>((resolve) => collect(wsClient(gw, { Authorization: 'Bearer nope' }, { onClose: resolve })));
  expect(closed).toBe(4403);
});
