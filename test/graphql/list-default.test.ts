import { toGlobalId } from '../../src/graphql/node';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { closeGateway, wsClient } from '../support/ws';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = (await gw.member('defaults')).token;
});
afterAll(() => closeGateway(gw));

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("a list maximum bypassed by a variable's default value", () => {
  const tagIds = (n: number) =>
    range(n)
      .map((i) => `"${toGlobalId('Tag', i)}"`)
      .join(',');
  const TAGS = `query($ids: [ID!] = [${tagIds(3000)}]) { tags(filter: { ids: $ids }) { nodes { id: databaseId } } }`;
  const refusal = { message: 'ids holds 3000 items; at most 1000 are allowed', extensions: { code: 'BAD_USER_INPUT' } };

  test('tags(ids: $ids) with 3000 ids as the default (variables omitted): BAD_USER_INPUT over HTTP and WebSocket', async () => {
    const http = await gw.gql(TAGS);
    expect(http.status).toBe(400);
    expect(http.body.errors?.[0]).toMatchObject(refusal);
    const client = wsClient(gw, { token });
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: TAGS }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
    });
    expect((errors as any[])?.[0]).toMatchObject(refusal);
  });

  test('a default inside an input object, and a default that fits, are measured the same way', async () => {
    const events = range(101)
      .map((i) => `"event.${i}"`)
      .join(',');
    const hook = await gw.gql(
      `mutation($input: CreateWebhookSubscriptionInput! = { targetUrl: "https://example.com/hook", events: [${events}] }) { createWebhookSubscription(input: $input) { secret } }`,
      {},
      token,
    );
    expect(hook.body.errors?.[0]).toMatchObject({ message: 'events holds 101 items; at most 100 are allowed', extensions: { code: 'BAD_USER_INPUT' } });
    const fits = await gw.gql(`query($ids: [ID!] = [${tagIds(1000)}]) { tags(filter: { ids: $ids }) { nodes { id: databaseId } } }`);
    expect(fits.body.errors).toBeUndefined();
    // A variable given overrides its default: only what is given is measured.
    expect((await gw.gql(TAGS, { ids: [toGlobalId('Tag', 1), toGlobalId('Tag', 2)] })).body.errors).toBeUndefined();
  });
});
