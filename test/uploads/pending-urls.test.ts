/**
 * With PUBLIC_URL set, an upload's URL is an http(s) URL, which every "URL as text" field takes:
 * a pending upload's URL there would be swept from under the row. Each such field refuses it.
 */
import { createServer } from 'node:net';
import { toGlobalId } from '../../src/graphql/node';
import { SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, newMembers } from '../support/graphql';
import { postUpload } from './support';

let gw: TestGateway;

/** A port free a moment ago, so PUBLIC_URL can name the gateway's own address. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  gw = await startTestGateway({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
});
afterAll(() => gw.close());

test("a pending upload's absolute URL is refused by mediaUrl, coverUrl, mediaUrls and imageUrls, nothing created", async () => {
  const [ann, ben] = await newMembers(gw, 2, 'pu');
  const uploaded = (await postUpload(gw, ann.token, 'a.png', SAMPLES.png)).body;
  expect(uploaded.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\//);
  const attempts: [string, Record<string, unknown>, string][] = [
    ['mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { toUserId: toGlobalId('User', ben.id), text: 'hi', mediaUrl: uploaded.url } }, 'mediaUrl'],
    [
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          name: 'Party time',
          location: 'Town',
          description: 'A long description',
          startDate: '2030-01-01',
          startTime: '10:00',
          endDate: '2030-01-01',
          endTime: '11:00',
          coverUrl: uploaded.url,
        },
      },
      'coverUrl',
    ],
    ['mutation($input: CreateAlbumInput!) { createAlbum(input: $input) { id } }', { input: { name: 'Trip', mediaUrls: ['https://elsewhere.example/a.png', uploaded.url] } }, 'mediaUrls'],
    [
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { title: 'Lamp', description: 'A lamp', location: 'Town', price: 5, category: 1, type: 'NEW', imageUrls: [uploaded.url] } },
      'imageUrls',
    ],
  ];
  for (const [query, variables, field] of attempts) {
    const refused = await gw.gql(query, variables, ann.token);
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors[0].extensions.field).toBe(field);
  }
  for (const table of ['messages', 'events', 'albums', 'products']) expect(await gw.count(table)).toBe(0);
});
