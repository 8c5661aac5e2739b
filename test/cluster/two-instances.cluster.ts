/**
 * `npm run test:cluster`: two built gateway processes on different ports over one PostgreSQL
 * database (made for the run, dropped after) and one Redis (a key prefix of the run's own), both
 * dispatching webhooks. Users sign up through both (GraphQL on A, the social REST API on B),
 * messages go through both (GraphQL and the chat REST API on each), and the test checks that
 * every graphql-ws `messageAdded` subscriber on either instance gets every message exactly once,
 * that a webhook receiver gets every event at least once and no delivery id twice, and that reads
 * on each instance see the writes made on the other. Prints the counts.
 *
 * PostgreSQL is TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) and Redis
 * TEST_REDIS_URL (default redis://127.0.0.1:6379); when either does not answer the test is skipped
 * with the reason in its name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { Webhook } from 'standardwebhooks';
import WebSocket from 'ws';
import { type Received, type Receiver, startReceiver, newSecret, sleep, waitFor } from '../webhooks/receiver';
import { type Instance, startInstance } from './instance';
import { createRunDatabase, deleteRedisKeys, missingServices, REDIS_URL, type RunDatabase, runRedisPrefix } from './services';
import { toGlobalId } from '../../src/graphql/node';

const ADMIN_PASSWORD = 'cluster-admin-password';
const ADMIN_API_KEY = 'cluster-admin-api-key-0123456789abcdefghij';
const SERVER_KEY = 'cluster-server-key-0123456789';
const PASSWORD = 'cluster-password-1';
/** Messages each of the four users sends, spread over both instances and both doors. */
const MESSAGES_PER_USER = 12;
const PROBE = '__probe__';
/** Probes sent at most, 150 ms apart; with the counted messages they fit one page of history (100). */
const MAX_PROBES = 50;
/** The events the test subscribes to, and the entity each is about. */
const MAIN_ENTITY: Record<string, string> = { 'member.joined': 'user', 'chat.created': 'chat', 'message.created': 'message' };
const WEBHOOK_EVENTS = Object.keys(MAIN_ENTITY);

const MESSAGE_ADDED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text senderId: senderDatabaseId } }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId } }';

interface Member {
  username: string;
  id: number;
  token: string;
  /** The instance it signed up on. */
  home: Instance;
}

/** One subscriber: whose, on which instance, and the message ids it got, in order. */
interface Stream {
  label: string;
  client: Client;
  ids: number[];
  probes: number;
  errors: unknown[];
}

async function gql(instance: Instance, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) throw new Error(`${instance.name}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** A form POST to a legacy REST endpoint; answers the parsed body. */
async function form(instance: Instance, route: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(`${instance.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${instance.name} ${route} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

async function registerByGraphql(instance: Instance, username: string): Promise<Member> {
  const data = await gql(instance, 'mutation($input: RegisterInput!) { register(input: $input) { token user { id: databaseId } } }', {
    input: { username, email: `${username}@cluster.test`, password: PASSWORD },
  });
  return { username, id: data.register.user.id, token: data.register.token, home: instance };
}

/** Signs up through the social API's create-account, as its old mobile apps do. */
async function registerBySocialRest(instance: Instance, username: string): Promise<Member> {
  const body = await form(instance, '/api/create-account', { server_key: SERVER_KEY, username, email: `${username}@cluster.test`, password: PASSWORD, confirm_password: PASSWORD });
  if (body.api_status !== 200) throw new Error(`create-account on ${instance.name}: ${JSON.stringify(body)}`);
  return { username, id: Number(body.user_id), token: body.access_token, home: instance };
}

/** Sends through GraphQL sendMessage or the chat API's POST /api/chats/{chat}/messages; answers the message id. */
async function send(instance: Instance, door: 'graphql' | 'rest', member: Member, chatId: number, text: string): Promise<number> {
  if (door === 'graphql') return (await gql(instance, SEND, { input: { chatId: toGlobalId('Chat', chatId), text } }, member.token)).sendMessage.id;
  const body = await form(instance, `/api/chats/${chatId}/messages`, { message: text }, { authorization: `Bearer ${member.token}` });
  return body.data.id;
}

/** Subscribes `member` to the chat's messageAdded on a socket of its own to `instance`. */
async function subscribe(instance: Instance, member: Member, chatId: number): Promise<Stream> {
  const client = createClient({
    url: `${instance.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${member.token}` },
    lazy: false,
    retryAttempts: 0,
  });
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const stream: Stream = { label: `${member.username}@${instance.name}`, client, ids: [], probes: 0, errors: [] };
  client.subscribe<{ messageAdded: { id: number; text: string } }>(
    { query: MESSAGE_ADDED, variables: { chatId: toGlobalId('Chat', chatId) } },
    {
      next: (result) => {
        if (result.errors || !result.data) return void stream.errors.push(result.errors ?? result);
        stream.ids.push(result.data.messageAdded.id);
        if (result.data.messageAdded.text.startsWith(PROBE)) stream.probes++;
      },
      error: (error) => stream.errors.push(error),
      complete: () => undefined,
    },
  );
  return stream;
}

/**
 * Sends probe messages through `instance` until every stream has got one, so no counted message
 * is sent before a subscription listens; answers the probes' ids (they must arrive once, too).
 */
async function probeUntilListening(instance: Instance, sender: Member, chatId: number, streams: Stream[]): Promise<number[]> {
  const ids: number[] = [];
  while (streams.some((stream) => stream.probes === 0)) {
    if (ids.length === MAX_PROBES) {
      const deaf = streams.filter((stream) => stream.probes === 0).map((stream) => stream.label);
      throw new Error(`after ${ids.length} probes sent through ${instance.name}, these subscribers got none: ${deaf.join(', ')}`);
    }
    ids.push(await send(instance, 'graphql', sender, chatId, `${PROBE}${ids.length}`));
    await sleep(150);
  }
  return ids;
}

/** How many times each value occurs more than once. */
function duplicates<T>(values: T[]): Map<T, number> {
  const seen = new Map<T, number>();
  for (const value of values) seen.set(value, (seen.get(value) ?? 0) + 1);
  return new Map([...seen].filter(([, n]) => n > 1));
}

/** `event:id` of a webhook body, the id being its main entity's (users carry theirs as user_id). */
function eventKey(payload: any): string {
  const entity = payload?.entities?.[MAIN_ENTITY[payload?.event]]?.[0];
  return `${payload?.event}:${entity?.id ?? entity?.user_id}`;
}

const missing = missingServices();
if (missing) process.stderr.write(`\ncluster test skipped: ${missing}\n  Start PostgreSQL and Redis, or point TEST_POSTGRES_URL and TEST_REDIS_URL at them.\n\n`);
const clusterTest = missing ? test.skip : test;

clusterTest(
  missing
    ? `two instances over one PostgreSQL and one Redis — skipped: ${missing}`
    : "two instances over one PostgreSQL and one Redis: every subscriber gets every message once, webhooks at least once and never twice, each instance reads the other's writes",
  async () => {
    const started = performance.now();
    const uploads = mkdtempSync(path.join(tmpdir(), 'gateway-cluster-'));
    const prefix = runRedisPrefix();
    let db: RunDatabase | null = null;
    let receiver: Receiver | null = null;
    const instances: Instance[] = [];
    const streams: Stream[] = [];
    try {
      db = await createRunDatabase();
      // The receiver's own secret is a stand-in: the gateway makes the subscription's, and the signatures are checked with it at the end.
      receiver = await startReceiver(newSecret());
      const env = {
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: '5',
        REDIS_URL,
        REDIS_PREFIX: prefix,
        WEBHOOK_ALLOW_PRIVATE_TARGETS: '1',
        WEBHOOK_DELAY_SCALE: '0.01',
        WEBHOOK_DISPATCH: '1',
        SEED_DEMO: '0',
        ADMIN_PASSWORD,
        ADMIN_API_KEY,
        SERVER_KEY,
        UPLOAD_DIR: uploads,
        RATE_LIMIT_PER_IP: '0',
        RATE_LIMIT_PER_CREDENTIAL: '0',
      };
      // A migrates the new database and makes the admin; B starts on what A made.
      const a = await startInstance('A', env);
      instances.push(a);
      const b = await startInstance('B', env);
      instances.push(b);

      // A webhook subscription made through B, for events written through either.
      const admin = (await gql(a, 'mutation($password: String!) { login(input: { login: "admin", password: $password }) { token } }', { password: ADMIN_PASSWORD })).login.token;
      const subscription = (
        await gql(
          b,
          'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id: databaseId } } }',
          {
            input: { events: WEBHOOK_EVENTS, targetUrl: receiver.url },
          },
          admin,
        )
      ).createWebhookSubscription;

      // Users through both: GraphQL on A, the social REST API on B.
      const firstEventAt = Date.now();
      const alice = await registerByGraphql(a, 'alice');
      const bob = await registerByGraphql(a, 'bob');
      const carol = await registerBySocialRest(b, 'carol');
      const dave = await registerBySocialRest(b, 'dave');
      const members = [alice, bob, carol, dave];

      // Reads on each instance see the users made on the other, and sign-in works on either.
      for (const member of members) {
        const other = member.home === a ? b : a;
        expect((await gql(other, 'query($id: ID!) { user(id: $id) { username } }', { id: toGlobalId('User', member.id) }, admin)).user).toEqual({ username: member.username });
        const login = await gql(other, 'mutation($login: String!, $password: String!) { login(input: { login: $login, password: $password }) { user { id: databaseId } } }', {
          login: member.username,
          password: PASSWORD,
        });
        expect(login.login.user.id).toBe(member.id);
      }

      // A group chat made on A, seen on B.
      const chatId: number = (
        await gql(
          a,
          'mutation($ids: [ID!]!) { createGroupChat(input: { title: "cluster", userIds: $ids }) { id: databaseId } }',
          { ids: [bob.id, carol.id, dave.id].map((id) => toGlobalId('User', id)) },
          alice.token,
        )
      ).createGroupChat.id;
      expect((await gql(b, 'query($id: ID!) { chat(id: $id) { id: databaseId title } }', { id: toGlobalId('Chat', chatId) }, carol.token)).chat).toEqual({ id: chatId, title: 'cluster' });

      // Every member subscribed on both instances.
      for (const instance of [a, b]) for (const member of members) streams.push(await subscribe(instance, member, chatId));
      const probeIds = await probeUntilListening(a, alice, chatId, streams);

      // Each member sends through A and B, by GraphQL and by the chat REST API, all at once.
      const doors = [
        [a, 'graphql'],
        [b, 'graphql'],
        [a, 'rest'],
        [b, 'rest'],
      ] as const;
      const sentVia: Record<string, number> = {};
      const sent = (
        await Promise.all(
          members.map(async (member) => {
            const ids: number[] = [];
            for (let i = 0; i < MESSAGES_PER_USER; i++) {
              const [instance, door] = doors[i % doors.length];
              ids.push(await send(instance, door, member, chatId, `${member.username} ${i} via ${instance.name} ${door}`));
              sentVia[`${instance.name} ${door}`] = (sentVia[`${instance.name} ${door}`] ?? 0) + 1;
            }
            return ids;
          }),
        )
      ).flat();
      const allIds = [...probeIds, ...sent];
      expect(new Set(allIds).size).toBe(allIds.length);

      // Every subscriber gets every message; after a quiet spell, none twice and nothing else.
      await waitFor(() => streams.every((stream) => sent.every((id) => stream.ids.includes(id))), 20_000, 'every subscriber has every message').catch((error) => {
        const short = streams.map((stream) => `${stream.label} ${sent.filter((id) => stream.ids.includes(id)).length}/${sent.length}`);
        throw new Error(`${(error as Error).message}: ${short.join(', ')}`);
      });
      await sleep(750);
      const known = new Set(allIds);
      for (const stream of streams) {
        expect({ subscriber: stream.label, errors: stream.errors }).toEqual({ subscriber: stream.label, errors: [] });
        expect({ subscriber: stream.label, twice: [...duplicates(stream.ids).keys()] }).toEqual({ subscriber: stream.label, twice: [] });
        expect({ subscriber: stream.label, unknown: stream.ids.filter((id) => !known.has(id)) }).toEqual({ subscriber: stream.label, unknown: [] });
      }
      const receipts = streams.reduce((sum, stream) => sum + stream.ids.length, 0);

      // Both instances list the same messages, whichever instance each went through.
      const history = async (instance: Instance, member: Member) =>
        (
          await gql(instance, 'query($chatId: ID!) { messages(chatId: $chatId, last: 100) { edges { node { id: databaseId } } } }', { chatId: toGlobalId('Chat', chatId) }, member.token)
        ).messages.edges.map((edge: any) => edge.node.id);
      const onA = await history(a, carol);
      const onB = await history(b, alice);
      expect(onA).toEqual(onB);
      expect([...onA].sort((x, y) => x - y)).toEqual([...allIds].sort((x, y) => x - y));

      // The receiver gets every event at least once, signed, and no delivery id twice.
      const expected = new Set([...members.map((member) => `member.joined:${member.id}`), `chat.created:${chatId}`, ...allIds.map((id) => `message.created:${id}`)]);
      const got = () => new Set(receiver!.received.map((r) => eventKey(r.payload)));
      await waitFor(() => [...expected].every((key) => got().has(key)), 30_000, 'the receiver has every event').catch((error) => {
        const lacking = [...expected].filter((key) => !got().has(key));
        throw new Error(`${(error as Error).message}: ${lacking.length} of ${expected.size} missing, e.g. ${lacking.slice(0, 5).join(', ')}`);
      });
      await sleep(1500); // long enough for a second dispatch of anything to arrive
      const received: Received[] = [...receiver.received];
      // Dispatchers wake on the events Redis brings (the outbox mark travels with them), not on the 15 s idle sweep.
      expect(received[0].at - firstEventAt).toBeLessThan(5000);
      const verifier = new Webhook(subscription.secret);
      const unsigned = received.filter((r) => {
        try {
          verifier.verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature });
          return false;
        } catch {
          return true;
        }
      });
      expect(unsigned.map((r) => r.id)).toEqual([]);
      const twice = duplicates(received.map((r) => r.id));
      expect([...twice]).toEqual([]);
      const unexpected = received.filter((r) => !expected.has(eventKey(r.payload))).map((r) => eventKey(r.payload));
      expect(unexpected).toEqual([]);
      const [rows] = await db.query<{ deliveries: number; attempts: number }>(
        'SELECT (SELECT count(*) FROM webhook_deliveries)::int AS deliveries, (SELECT count(*) FROM webhook_attempts)::int AS attempts',
      );

      const seconds = (performance.now() - started) / 1000;
      console.log(
        [
          `cluster: 2 instances (A ${a.url}, B ${b.url}) over PostgreSQL database ${db.name} and Redis prefix ${prefix}, both dispatching webhooks; ${seconds.toFixed(1)} s`,
          `  users ${members.length} (2 GraphQL register on A, 2 social REST create-account on B); each read and signed in on the other instance`,
          `  subscribers ${streams.length} (${members.length} per instance); messages ${sent.length} (${Object.entries(sentVia)
            .map(([via, n]) => `${n} ${via}`)
            .join(', ')}) + ${probeIds.length} probes`,
          `  receipts ${receipts}: every subscriber got all ${sent.length} messages exactly once (and the probes it was listening for), none twice, none unknown`,
          `  webhooks: first delivery ${((received[0].at - firstEventAt) / 1000).toFixed(1)} s after the first event, the last ${((received[received.length - 1].at - received[0].at) / 1000).toFixed(1)} s after it; ${expected.size} events expected, ${received.length} requests received, ${new Set(received.map((r) => r.id)).size} distinct delivery ids, 0 duplicate ids, all signed; ${rows.deliveries} deliveries, ${rows.attempts} attempts recorded`,
          `  reads across: both instances list the same ${onA.length} messages; the chat made on A read on B; users made on each read on the other`,
        ].join('\n'),
      );
    } catch (error) {
      for (const instance of instances) process.stderr.write(`--- instance ${instance.name} output ---\n${instance.output().slice(-4000)}\n`);
      throw error;
    } finally {
      await Promise.all(streams.map(async (stream) => stream.client.dispose()));
      for (const instance of instances) await instance.stop();
      await receiver?.close();
      await db?.drop();
      await deleteRedisKeys(prefix);
      rmSync(uploads, { recursive: true, force: true });
    }
  },
  240_000,
);
