import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { social } from '../support/social';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const basic = { authorization: `Basic ${Buffer.from(`sync:${ADMIN_API_KEY}`).toString('base64')}` };

test('a user who signs up through the social API is the same user in every API and in GraphQL', async () => {
  const signup = await social(gw, 'create-account', { username: 'Unified', password: 'secret123', confirm_password: 'secret123', email: 'unified@example.com' });
  const id = Number(signup.body.user_id);

  const chat = await gw.http('POST', '/api/login', { form: { email: 'unified@example.com', password: 'secret123' } });
  const viewer = await gw.gql('{ viewer { id: databaseId msid username } }', {}, chat.body.token);
  expect(viewer.body.data.viewer.id).toBe(id);

  const community = await gw.http('GET', `/api/v1/users/${viewer.body.data.viewer.msid}`, { headers: basic });
  expect(community.body).toMatchObject({ user_id: id, username: 'Unified', email: 'unified@example.com' });

  const marketing = await gw.http('GET', `/api/get_user_info?api_key=${ADMIN_API_KEY}&email=unified@example.com`);
  expect(marketing.body.user_info.id).toBe(String(id));

  await gw.http('PUT', `/api/v1/users/${id}`, { json: { first_name: 'Uni', last_name: 'Fied' }, headers: basic });
  const viaSocial = await social(gw, 'get-user-data', { user_id: String(id), fetch: 'user_data' }, signup.body.access_token);
  expect(viaSocial.body.user_data).toMatchObject({ first_name: 'Uni', last_name: 'Fied' });
  expect((await gw.http('GET', `/api/get_user_info?api_key=${ADMIN_API_KEY}&user_id=${id}`)).body.user_info.name).toBe('Uni Fied');
  expect(await gw.count('users')).toBe(2);
});

test('a system user made through the marketing API signs in through the chat and social APIs', async () => {
  const made = await gw.http('POST', '/api/create_system_user', {
    form: { api_key: ADMIN_API_KEY, name: 'Mark Eting', email: 'mark@example.com', password: 'pa55word!', package_id: '0', expired_date: '2030-01-01' },
  });
  expect(made.body.status).toBe('error');
  const now = new Date().toISOString();
  const pkg = await gw.app.database.db.insertInto('packages').values({ package_name: 'Trial', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  const ok = await gw.http('POST', '/api/create_system_user', {
    form: { api_key: ADMIN_API_KEY, name: 'Mark Eting', email: 'mark@example.com', password: 'pa55word!', package_id: String(pkg.id), expired_date: '2030-01-01' },
  });
  const chat = await gw.http('POST', '/api/login', { form: { email: 'mark@example.com', password: 'pa55word!' } });
  expect((await gw.gql('{ viewer { id: databaseId firstName lastName } }', {}, chat.body.token)).body.data.viewer).toEqual({ id: ok.body.id, firstName: 'Mark', lastName: 'Eting' });
  const viaSocial = await social(gw, 'auth', { username: 'mark', password: 'pa55word!' });
  expect(viaSocial.body.user_id).toBe(String(ok.body.id));
});
