import { startChildGateway } from '../support/child';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const start = startChildGateway;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-start-'));
const SERVER_KEY_LINE = /social server_key\s+(\S+)/;
let firstServerKey: string | undefined;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('starts on a new database with demo data, prints URLs and credentials, and stops cleanly on SIGTERM', async () => {
  const run = start({ DATABASE_URL: `sqlite:${dir}/gateway.db` });
  const url = await run.ready;
  const banner = run.output();
  firstServerKey = SERVER_KEY_LINE.exec(banner)?.[1];
  expect(banner).toContain('generated and stored');
  expect(banner).toMatch(/GraphiQL\s+http:\/\/\S+\/graphiql/);
  expect(banner).toMatch(/OpenAPI\s+http:\/\/\S+\/openapi\.json/);
  expect(banner).toMatch(/admin\s+admin \/ \S+/);
  expect(banner).toMatch(/admin API key\s+gk_\S+/);
  expect(banner).toContain('asd@gmail.com (free), asdasdasd@gmail.com (premium); password asdasdasd');
  const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'asd@gmail.com', password: 'asdasdasd' }) });
  const { token } = (await login.json()) as { token: string };
  expect(token).toEqual(expect.any(String));
  const chats = await fetch(`${url}/api/chats`, { headers: { authorization: `Bearer ${token}` } });
  const list = ((await chats.json()) as { data: { title: string | null; last_message: { message: string } }[] }).data;
  expect(list.map((chat) => chat.title)).toEqual(['Demo team', null]);
  expect(list[1].last_message.message).toMatch(/GraphQL all see this conversation/);
  const social = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ page(name: "gateway_news") { title likeCount } movies { nodes { name } } viewer { followerCount followingCount } }' }),
  });
  expect(((await social.json()) as { data: unknown }).data).toEqual({
    page: { title: 'Gateway News', likeCount: 1 },
    movies: { nodes: expect.arrayContaining([{ name: 'Loader' }, { name: 'Schema Drift' }, { name: 'The Long Commit' }]) },
    viewer: { followerCount: 1, followingCount: 1 },
  });
  const demoKey = /demo API key\s+(\S+)/.exec(banner)?.[1];
  expect(demoKey).toMatch(/^gk_/);
  const flows = await fetch(`${url}/api/get_flow_campaigns?api_key=${demoKey}`);
  expect(((await flows.json()) as unknown[]).length).toBe(2);
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
  expect(run.output()).toContain('SIGTERM: draining requests and closing');
}, 60000);

test('a second start keeps the data and the server key and does not seed again', async () => {
  const run = start({ DATABASE_URL: `sqlite:${dir}/gateway.db` });
  await run.ready;
  expect(run.output()).toContain('created at first start');
  expect(run.output()).not.toContain('demo data: users');
  expect(run.output()).not.toContain('demo API key');
  expect(SERVER_KEY_LINE.exec(run.output())?.[1]).toBe(firstServerKey);
  expect(firstServerKey).toMatch(/^\S{20,}$/);
  run.child.kill('SIGINT');
  expect(await run.exited).toBe(0);
}, 60000);

test('a bad environment value stops start-up with a message naming it', async () => {
  const run = start({ DATABASE_URL: `sqlite:${dir}/other.db`, PORT: 'eighty' });
  await expect(run.ready).rejects.toThrow(/PORT: expected a whole number/);
  expect(await run.exited).toBe(1);
}, 60000);
