import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validate } from '@readme/openapi-parser';
import { SAMPLES } from '../media/samples';
import { answer, botPage, createLabel, flowCampaign, importRows, marketer } from '../marketing/audience.fixtures';
import { createGatewayPubSub } from '../../src/graphql/pubsub';
import { buildGatewaySchema } from '../../src/graphql/schema';
import { families } from '../../src/rest/families';
import { buildOpenApi } from '../../src/rest/openapi';
import { ANY_OBJECT_KEY } from '../../src/rest/openapi-samples';
import { ShapeOf } from '../../src/rest/openapi-schemas';
import { ADMIN_API_KEY, ADMIN_PASSWORD, SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { ok } from '../support/graphql';
import { type Answer, AnswerChecker } from '../support/openapi';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
let document: any;
let checker: AnswerChecker;

beforeAll(async () => {
  // No webhook deliveries: the community test subscribes a public address.
  gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
  const res = await gw.http('GET', '/openapi.json');
  expect(res.status).toBe(200);
  document = res.body;
  checker = new AnswerChecker(document);
});
afterAll(() => gw.close());

/** A GET over HTTP with the Host header given (fetch does not let a caller set it). */
function getWithHost(path: string, host: string): Promise<string> {
  const { port } = gw.app.gateway.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (chunk: string) => (text += chunk))
          .on('end', () => resolve(text))
          .on('error', reject);
      })
      .on('error', reject);
  });
}

const operations = () => Object.values(document.paths).flatMap((item: any) => Object.values(item)) as any[];

describe('the document', () => {
  test('passes @readme/openapi-parser validation, with the URL the caller reached as its server', async () => {
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(document.servers).toEqual([{ url: gw.url, description: expect.any(String) }]);
  });

  test('with PUBLIC_URL, names PUBLIC_URL as its server and still validates', async () => {
    const publicGw = await startTestGateway({ PUBLIC_URL: 'https://legacy.gateway.test/' });
    try {
      // Over HTTP to the listening address: the document names PUBLIC_URL whatever address the caller used.
      const address = publicGw.app.gateway.app.server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${address.port}/openapi.json`);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await res.json();
      expect(body.servers).toEqual([{ url: 'https://legacy.gateway.test', description: expect.any(String) }]);
      const result = await validate(body);
      expect(result.valid ? [] : result.errors).toEqual([]);
    } finally {
      await publicGw.close();
    }
  });

  test('names the host the caller reached (a Host header that is no host name is not used)', async () => {
    const serverOf = async (host: string) => JSON.parse(await getWithHost('/openapi.json', host)).servers[0].url;
    expect(await serverOf('gateway.internal:8080')).toBe('http://gateway.internal:8080');
    expect(await serverOf('evil.test/<script>')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test("every route's answers are derived, every operation has a success answer with a schema, and operationIds are unique", async () => {
    const { gaps } = await buildOpenApi(families, buildGatewaySchema(createGatewayPubSub()));
    expect(gaps).toEqual([]);
    const ids = operations().map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations()) {
      const success = Object.entries(op.responses).filter(([status]) => /^[23]/.test(status) && !(op.responses[status].description as string).startsWith('An error'));
      expect(success.length).toBeGreaterThan(0);
      for (const [status, response] of success as [string, any][]) {
        if (status === '204' || status.startsWith('3')) continue;
        expect([op.operationId, Object.keys(response.content ?? {})]).toEqual([op.operationId, [expect.any(String)]]);
      }
    }
  });

  test('each family authenticates as it does: schemes on signed-in operations, security [] on public ones, server_key in every social body', () => {
    expect(document.components.securitySchemes).toMatchObject({
      socialAccessToken: { type: 'apiKey', in: 'query', name: 'access_token' },
      socialSessionCookie: { type: 'apiKey', in: 'cookie', name: 'gateway_session' },
      communityBasic: { type: 'http', scheme: 'basic' },
      chatBearer: { type: 'http', scheme: 'bearer' },
      marketingApiKey: { type: 'apiKey', in: 'query', name: 'api_key' },
    });
    const op = (path: string, method = 'post') => document.paths[path][method];
    expect(op('/api/auth').security).toEqual([]);
    expect(op('/api/login').security).toEqual([]);
    expect(op('/api/get-user-data').security).toEqual([{ socialAccessToken: [] }]);
    expect(op('/get_news_feed', 'get').security).toEqual([{ socialSessionCookie: [] }]);
    expect(op('/api/set-browser-cookie', 'get').security).toEqual([{ socialAccessToken: [] }]);
    expect(op('/api/set-browser-cookie', 'get').parameters).toEqual([]);
    expect(op('/api/v1/users/me', 'get').security).toEqual([{ communityBasic: [] }]);
    expect(op('/api/chats', 'get').security).toEqual([{ chatBearer: [] }]);
    expect(op('/api/get_all_packages', 'get').security).toEqual([{ marketingApiKey: [] }]);
    expect(op('/api/create_system_user').description).toMatch(/^Admin only/);
    expect(op('/api/v1/boards').description).toMatch(/^Admin only/);
    for (const family of families.filter((f) => f.name === 'social')) {
      for (const route of family.routes) {
        const body = op(`/api${route.path}`).requestBody.content['application/x-www-form-urlencoded'].schema;
        expect([route.path, body.required]).toEqual([route.path, expect.arrayContaining(['server_key'])]);
        expect(body.properties.server_key).toEqual({ $ref: '#/components/schemas/SocialServerKey' });
      }
    }
    expect(document.tags.every((tag: any) => tag.description.length > 40)).toBe(true);
    expect(document.info.description).toMatch(/Social API[\s\S]*Community API[\s\S]*Chat API[\s\S]*Marketing API/);
  });

  test("errors are documented with each family's statuses", () => {
    const statuses = (path: string, method = 'post') => Object.keys(document.paths[path][method].responses);
    expect(statuses('/api/get-user-data')).toEqual(['200', '429']);
    expect(statuses('/api/v1/users/me', 'get')).toEqual(['200', '400', '403', '404', '409', '429', '500', '503']);
    expect(statuses('/api/chats', 'get')).toEqual(expect.arrayContaining(['200', '401', '403', '404', '422', '429']));
    expect(statuses('/api/get_all_packages', 'get')).toEqual(['200', '429']);
    expect(document.paths['/api/get_all_packages'].get.responses['200'].content['application/json'].schema.anyOf[1]).toEqual({ $ref: '#/components/schemas/MarketingError' });
    expect(statuses('/get_news_feed', 'get')).toEqual(expect.arrayContaining(['200', '401']));
    expect(Object.keys(document.paths['/get_news_feed'].get.responses['401'].content)).toEqual(['text/html']);
  });
});

describe('inferring a schema from answers', () => {
  test('a value null in one answer may be null; a key missing from one is optional; objects are closed', () => {
    const shape = new ShapeOf().add({ id: 1, name: 'a', tags: ['x'], owner: { id: 2 } }).add({ id: 3, name: null, tags: [], owner: null, extra: true });
    expect(shape.schema()).toEqual({
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: ['string', 'null'] },
        tags: { type: 'array', items: { type: 'string' } },
        owner: { type: ['object', 'null'], properties: { id: { type: 'integer' } }, required: ['id'], additionalProperties: false },
        extra: { type: 'boolean' },
      },
      required: ['id', 'name', 'tags', 'owner'],
      additionalProperties: false,
    });
  });

  test('keys made of sample data are a map, a JSON object scalar is any object, integers and fractions are numbers', () => {
    expect(new ShapeOf().add({ 'Sample text': [1], '': [2.5] }).schema()).toEqual({
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'number' } },
    });
    expect(new ShapeOf().add({ [ANY_OBJECT_KEY]: true }).schema()).toEqual({ type: 'object', additionalProperties: true });
    expect(new ShapeOf().add([]).schema()).toEqual({ type: 'array', items: {}, maxItems: 0 });
  });
});

// Real answers of every family against the documented schemas. Each call checks its answer.
describe('real answers fit the documented schemas', () => {
  async function call(method: string, path: string, options: Parameters<TestGateway['http']>[2] = {}): Promise<Answer & { body: any }> {
    const res = await gw.http(method, path, options);
    checker.check(method, path, res);
    return res;
  }

  test('social', async () => {
    const [ann, bob] = [await gw.member('oa_ann'), await gw.member('oa_bob')];
    const social = (path: string, form: Record<string, string | number>, token?: string) =>
      call('POST', `/api/${path}${token ? `?access_token=${token}` : ''}`, { form: { server_key: SERVER_KEY, ...Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)])) } });
    const succeeds = async (pending: Promise<{ body: any }>) => {
      const res = await pending;
      if (res.body.api_status !== 200) throw new Error(`expected a success: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await succeeds(social('get-site-settings', {}));
    await succeeds(social('auth', { username: 'oa_ann', password: 'password123', timezone: 'Europe/Paris' }));
    await succeeds(social('create-account', { username: 'oa_cat', password: 'secret123', confirm_password: 'secret123', email: 'oa_cat@example.com' }));
    await succeeds(social('follow-user', { user_id: ann.id }, bob.token));
    await succeeds(social('update-user-data', { about: 'Writes about gateways', first_name: 'Ann' }, ann.token));
    const postId = ok(await gw.gql('mutation { createPost(input: { content: "Hello #openapi" }) { id: databaseId } }', {}, ann.token)).createPost.id;
    await succeeds(social('post-actions', { post_id: postId, action: 'like' }, bob.token));
    await succeeds(social('post-actions', { post_id: postId, action: 'comment', text: 'Nice post' }, bob.token));
    await succeeds(social('get-post-data', { post_id: postId, fetch: 'post_data,post_comments,post_liked_users,post_wondered_users' }, ann.token));
    const page = (await succeeds(social('create-page', { page_name: 'oa_page', page_title: 'OA page', page_category: 'Tech', page_description: 'All about it' }, ann.token))).page_data;
    await succeeds(social('like-page', { page_id: page.page_id }, bob.token));
    await succeeds(social('get-page-data', { page_id: page.page_id }, bob.token));
    const group = (await succeeds(social('create-group', { group_name: 'oa_group', group_title: 'OA group', about: 'A group', category: 'Tech' }, ann.token))).group_data;
    await succeeds(social('join-group', { group_id: group.group_id }, bob.token));
    await succeeds(social('get-group-data', { group_id: group.group_id }, bob.token));
    await succeeds(social('get-community', { user_id: ann.id, fetch: 'groups,pages' }, bob.token));
    await succeeds(social('update-page-data', { page_id: page.page_id, page_title: 'OA page, renamed', bot_enabled: '1' }, ann.token));
    await succeeds(social('update-group-data', { group_id: group.group_id, about: 'Still a group', join_privacy: '2' }, ann.token));
    ok(await gw.gql('mutation { updateProfile(input: { followPrivacy: PEOPLE_I_FOLLOW }) { id: databaseId } }', {}, bob.token));
    const dan = await gw.member('oa_dan');
    await succeeds(social('follow-user', { user_id: bob.id }, dan.token));
    await succeeds(social('follow-request-action', { user_id: dan.id, request_action: 'accept' }, bob.token));
    await succeeds(social('get-user-data', { user_id: ann.id, fetch: 'user_data,followers,following,liked_pages,joined_groups' }, bob.token));
    await succeeds(social('get-user-data', { user_id: bob.id, fetch: 'user_data,following,liked_pages,joined_groups' }, ann.token));
    await succeeds(social('get-many-users-data', { user_ids: `${ann.id},${bob.id}` }, ann.token));
    await succeeds(social('search', { search_key: 'oa' }, bob.token));
    await succeeds(social('send-message', { user_id: ann.id, message_hash_id: 'oa-1', text: 'Hello Ann' }, bob.token));
    await succeeds(social('set-chat-typing-status', { user_id: ann.id, status: 'typing' }, bob.token));
    await succeeds(social('change-chat-color', { user_id: ann.id, color: '#336699' }, bob.token));
    const event = await succeeds(
      social(
        'create-event',
        {
          event_name: 'Summer fair',
          event_location: 'Square',
          event_description: 'Stalls and music',
          event_start_date: '2099-07-01',
          event_start_time: '10:00',
          event_end_date: '2099-07-01',
          event_end_time: '18:30',
        },
        ann.token,
      ),
    );
    await succeeds(social('go-to-event', { event_id: event.event_id }, bob.token));
    await succeeds(social('interest-event', { event_id: event.event_id }, bob.token));
    await succeeds(social('get-events', { fetch: 'events,my_events' }, bob.token));
    await succeeds(social('get-general-data', { fetch: 'notifications,friend_requests,pro_users,promoted_pages,trending_hashtag,count_new_messages' }, ann.token));
    await succeeds(social('get-activities', {}, bob.token));
    await succeeds(social('get-nearby-users', { lat: 10, lng: 10, distance: 100 }, ann.token));
    await succeeds(social('get-user-suggestions', {}, ann.token));
    const product = new FormData();
    for (const [name, value] of Object.entries({
      server_key: SERVER_KEY,
      product_title: 'Bike',
      product_description: 'Red #bike',
      product_location: 'Leeds',
      product_price: '120',
      product_category: '3',
      product_type: '1',
    }))
      product.set(name, value);
    product.append('images', new Blob([new Uint8Array(SAMPLES.png)]), 'bike.png');
    expect((await call('POST', `/api/create-product?access_token=${ann.token}`, { multipart: product })).body.api_status).toBe(200);
    await succeeds(social('get-products', {}, bob.token));
    const story = new FormData();
    story.set('server_key', SERVER_KEY);
    story.set('story_title', 'Morning');
    story.append('file', new Blob([new Uint8Array(SAMPLES.png)]), 'sun.png');
    const made = await call('POST', `/api/create-story?access_token=${ann.token}`, { multipart: story });
    expect(made.body.api_status).toBe(200);
    await succeeds(social('get-stories', {}, bob.token));
    await succeeds(social('delete-story', { story_id: made.body.story_id }, ann.token));
    ok(await gw.gql('mutation { createArticle(input: { title: "Tomatoes", content: "<p>Water</p>", description: "Guide" }) { id: databaseId } }', {}, ann.token));
    await succeeds(social('get-articles', { user_id: ann.id }, bob.token));
    ok(await gw.gql('mutation { createAlbum(input: { name: "Holiday", mediaUrls: ["https://img.example.com/1.jpg"] }) { id: databaseId } }', {}, ann.token));
    await succeeds(social('get-user-albums', { user_id: ann.id }, bob.token));
    const adminToken = ok(await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).login.token;
    ok(await gw.gql('mutation { createMovie(input: { name: "Loader", genre: "Drama", country: "France", releaseYear: 1999, duration: 121 }) { id: databaseId } }', {}, adminToken));
    await succeeds(social('get-movies', {}, bob.token));
    await succeeds(social('block-user', { user_id: bob.id, block_action: 'block' }, ann.token));
    await succeeds(social('get-blocked-users', {}, ann.token));
    await succeeds(social('block-user', { user_id: bob.id, block_action: 'un-block' }, ann.token));
    await succeeds(social('delete-conversation', { user_id: ann.id }, bob.token));
    // Errors: HTTP 200 with api_status "400", whatever the cause.
    expect((await social('get-user-data', { user_id: 999999, fetch: 'user_data' }, ann.token)).body.api_status).toBe('400');
    expect((await call('POST', '/api/get-site-settings', { form: {} })).body.errors.error_id).toBe(1);
    expect((await social('get-user-data', { user_id: ann.id, fetch: 'user_data' }, 'not-a-token')).body.api_status).toBe('400');
    await succeeds(social('send-reset-password-email', { email: 'oa_ann@example.com' }));
    await succeeds(social('delete-access-token', {}, bob.token));
    const leaving = await gw.member('oa_leaving');
    await succeeds(social('delete-user', { password: 'password123' }, leaving.token));
  });

  test('social browser pages', async () => {
    const { token } = await gw.member('oa_reader');
    ok(await gw.gql('mutation { createPost(input: { content: "Shown <b>escaped</b>" }) { id: databaseId } }', {}, token));
    const url = `/api/set-browser-cookie?access_token=${token}`;
    const res = await fetch(`${gw.url}${url}`, { redirect: 'manual' });
    const redirect = { status: res.status, headers: res.headers, body: await res.text() };
    checker.check('GET', url, redirect);
    expect(redirect.status).toBe(302);
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
    const feed = await call('GET', '/get_news_feed', { headers: { cookie } });
    expect([feed.status, feed.body]).toEqual([200, expect.stringContaining('<p>Shown escaped</p>')]);
    expect((await call('GET', '/get_news_feed')).status).toBe(401);
    expect((await call('GET', '/api/set-browser-cookie?access_token=wrong')).body.api_status).toBe('400');
  });

  test('community', async () => {
    const admin = { authorization: `Basic ${Buffer.from(`openapi_test:${ADMIN_API_KEY}`).toString('base64')}` };
    const { token } = await gw.member('oa_forum');
    const secret = ok(await gw.gql('mutation { createApiKey(name: "k") { secret } }', {}, token)).createApiKey.secret;
    const msid = ok(await gw.gql('{ viewer { msid } }', {}, token)).viewer.msid;
    const member = { authorization: `Basic ${Buffer.from(`app:${secret}`).toString('base64')}` };
    const succeeds = async (pending: Promise<{ status: number; body: any }>) => {
      const res = await pending;
      if (res.status !== 200) throw new Error(`expected a success: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await succeeds(call('GET', '/api/v1/users/me', { headers: admin }));
    await succeeds(call('POST', '/api/v1/users', { json: { first_name: 'Ayana', last_name: 'Lee', email: 'oa_ayana@example.com' }, headers: admin }));
    await succeeds(call('GET', '/api/v1/users?page_size=2', { headers: member }));
    await succeeds(call('GET', `/api/v1/users/${msid}`, { headers: member }));
    await succeeds(call('PUT', `/api/v1/users/${msid}`, { json: { first_name: 'Forum', user_description: 'Hi', social_media_links: { Twitter: 'https://x.test/f' } }, headers: member }));
    await succeeds(call('GET', '/api/v1/roles', { headers: member }));
    const board = await succeeds(
      call('POST', '/api/v1/boards', {
        json: { board_name: 'General', about: 'Talk', is_private: false, hidden_type: 0, permission_for: 10, needs_approval: false, icon: 'chat' },
        headers: admin,
      }),
    );
    await succeeds(call('GET', `/api/v1/boards/${board.board_id}`, { headers: member }));
    await succeeds(call('GET', '/api/v1/boards', { headers: member }));
    const post = await succeeds(call('POST', '/api/v1/posts', { json: { board_id: board.board_id, headline: 'Concept', content: '<p>Delectus #Deserunt</p>', authors: [msid] }, headers: member }));
    await succeeds(call('GET', `/api/v1/posts/${post.post_id}`, { headers: member }));
    const comment = await succeeds(call('POST', '/api/v1/comments', { json: { post_id: post.post_id, content: 'Quia <b>eos</b>', author: msid }, headers: member }));
    await succeeds(call('GET', `/api/v1/comments/${comment.comment_id}`, { headers: member }));
    const reply = await succeeds(call('POST', '/api/v1/replies', { json: { comment_id: comment.comment_id, content: 'Fugit', author: msid }, headers: member }));
    await succeeds(call('GET', `/api/v1/replies/${reply.reply_id}`, { headers: member }));
    await succeeds(call('PUT', `/api/v1/posts/${post.post_id}`, { json: { board_id: board.board_id, headline: 'Concept, edited', content: '<p>Edited</p>', authors: [msid] }, headers: member }));
    await succeeds(call('PUT', `/api/v1/comments/${comment.comment_id}`, { json: { content: 'Edited comment' }, headers: member }));
    await succeeds(call('PUT', `/api/v1/replies/${reply.reply_id}`, { json: { content: 'Edited reply' }, headers: member }));
    await succeeds(
      call('PUT', `/api/v1/boards/${board.board_id}`, {
        json: { board_name: 'Renamed', is_private: true, hidden_type: 0, permission_for: 10, needs_approval: true },
        headers: admin,
      }),
    );
    await succeeds(call('PUT', `/api/v1/boards/${board.board_id}/members`, { json: { member_changes: { [msid]: true } }, headers: admin }));
    await succeeds(call('PATCH', '/api/v1/boards/reorder', { json: { display_order: { [board.board_id]: 2 } }, headers: admin }));
    await succeeds(call('PATCH', `/api/v1/users/${msid}`, { json: { action: 101, data: { role_id: 3 } }, headers: admin }));
    const tag = await succeeds(call('POST', '/api/v1/tags', { json: { name: 'Coordinator', description: 'Cheese', og_title: 'T' }, headers: admin }));
    await succeeds(call('GET', `/api/v1/tags/${tag.tag_id}`, { headers: member }));
    await succeeds(call('PUT', `/api/v1/tags/${tag.tag_id}`, { json: { name: 'Coordinator', back_color: '#ffffff' }, headers: admin }));
    await succeeds(call('GET', '/api/v1/tags?page_size=1', { headers: member }));
    await succeeds(call('GET', '/api/v1/tags/search?q=deser', { headers: member }));
    await succeeds(call('GET', `/api/v1/tags/mapping?ref_type=POST&ref_id=${post.post_id}`, { headers: member }));
    const hook = await call('POST', '/api/v1/webhooks', { json: { event: 'member.joined', target_url: 'https://93.184.215.14/hooks/openapi' }, headers: admin });
    expect([hook.status, hook.body]).toEqual([201, expect.objectContaining({ secret: expect.any(String) })]);
    await succeeds(call('GET', '/api/v1/webhooks', { headers: admin }));
    expect((await call('DELETE', `/api/v1/webhooks/${hook.body.id}`, { headers: admin })).status).toBe(204);
    // Errors with their HTTP statuses.
    expect((await call('GET', '/api/v1/users/me')).status).toBe(403);
    expect((await call('GET', '/api/v1/posts/999999', { headers: member })).status).toBe(404);
    expect((await call('POST', '/api/v1/users', { json: { email: 'x@example.com' }, headers: admin })).status).toBe(400);
    expect((await call('POST', '/api/v1/users', { json: { first_name: 'X', email: 'OA_AYANA@example.com' }, headers: admin })).status).toBe(409);
  });

  test('chat', async () => {
    const [me, other] = [await gw.member('oa_chatter'), await gw.member('oa_friend')];
    const login = await call('POST', '/api/login', { form: { email: 'oa_chatter@example.com', password: 'password123' } });
    const auth = { authorization: `Bearer ${login.body.token}` };
    const sent = ok(
      await gw.gql(
        'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId chatId: chatDatabaseId } }',
        { input: { toUserId: toGlobalId('User', me.id), text: 'First' } },
        other.token,
      ),
    ).sendMessage;
    const succeeds = async (pending: Promise<{ status: number; body: any }>) => {
      const res = await pending;
      if (res.status !== 200) throw new Error(`expected a success: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const chats = await succeeds(call('GET', '/api/chats', { headers: auth }));
    const chat = chats.data.find((c: any) => c.id === sent.chatId);
    const mine = chat.participants.find((p: any) => p.user_id === me.id);
    await succeeds(call('POST', `/api/chats/${chat.id}/messages`, { form: { message: 'Reply', reply: String(sent.id) }, headers: auth }));
    const media = new FormData();
    media.set('message', 'A picture');
    media.append('media', new Blob([new Uint8Array(SAMPLES.png)]), 'pic.png');
    await succeeds(call('POST', `/api/chats/${chat.id}/media-messages`, { multipart: media, headers: auth }));
    await succeeds(call('GET', `/api/chats/${chat.id}/messages`, { headers: auth }));
    await succeeds(call('GET', `/api/chats/${chat.id}/search-messages?q=first`, { headers: auth }));
    await succeeds(call('POST', `/api/chats/${chat.id}/messages/${sent.id}/starred/${mine.id}`, { headers: auth }));
    await succeeds(call('POST', `/api/chats/${chat.id}/toggle-pin`, { headers: auth }));
    await succeeds(call('POST', `/api/chats/${chat.id}/toggle-archive`, { headers: auth }));
    await succeeds(call('POST', `/api/users/${me.id}/set-status/online`, { headers: auth }));
    await succeeds(call('GET', '/api/chats', { headers: auth }));
    expect((await call('GET', '/api/chats')).status).toBe(401);
    expect((await call('POST', '/api/login', { form: { email: 'nope' } })).status).toBe(422);
    expect((await call('POST', `/api/users/${other.id}/set-status/online`, { headers: auth })).status).toBe(403);
    expect((await call('GET', '/api/chats/999999/messages', { headers: auth })).status).toBe(404);
  });

  test('marketing', async () => {
    const owner = await marketer(gw, 'oa_mk');
    const key = (extra: Record<string, string | number> = {}, apiKey = owner.key) =>
      new URLSearchParams({ api_key: apiKey, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) }).toString();
    const succeeds = async (pending: Promise<{ status: number; body: any }>) => {
      const res = await pending;
      if (res.status !== 200 || res.body.status === 'error') throw new Error(`expected a success: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const pageId = await botPage(gw, owner);
    const psid = '2499454673490220';
    ok(await importRows(gw, owner, pageId, [{ psid, firstName: 'Ada', email: 'ada@test.com', subscribedAt: '2020-10-28 13:40:46' }, { psid: '3001440154747507' }]));
    await createLabel(gw, owner, pageId, 'Important');
    const flow = await flowCampaign(gw, owner, pageId, 'Welcome', ['Name?', 'Email?']);
    ok(await answer(gw, owner, flow.id, psid, [{ questionId: flow.questionIds[0], answer: 'Ada' }]));
    const now = new Date().toISOString();
    const pack = await gw.app.database.db
      .insertInto('packages')
      .values({ package_name: 'everything', module_ids: '251,80', price: '112.35', validity: 700, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await succeeds(call('GET', `/api/get_all_packages?${key({}, ADMIN_API_KEY)}`));
    const made = await succeeds(
      call('POST', '/api/create_system_user', {
        form: { api_key: ADMIN_API_KEY, name: 'Sys User', email: 'oa_sys@example.com', password: 'secret123', package_id: String(pack.id), expired_date: '2099-01-01' },
      }),
    );
    await succeeds(call('GET', `/api/get_user_info?${key({ user_id: made.id }, ADMIN_API_KEY)}`));
    await succeeds(call('POST', `/api/update_user/${made.id}`, { form: { api_key: ADMIN_API_KEY, mobile: '0123' } }));
    await succeeds(call('POST', `/api/create_system_user/${made.id}`, { form: { api_key: ADMIN_API_KEY, name: 'System User' } }));
    await succeeds(call('POST', '/api/get_user_info', { form: { api_key: ADMIN_API_KEY, email: 'oa_sys@example.com' } }));
    await succeeds(call('GET', `/api/subscriber_information?${key({ subscriber_id: psid })}`));
    await succeeds(call('GET', `/api/get_all_labels?${key({ page_id: pageId })}`));
    const label = await succeeds(call('POST', '/api/create_label', { form: { api_key: owner.key, label_name: 'Product', page_id: String(pageId) } }));
    await succeeds(call('POST', '/api/assign_label', { form: { api_key: owner.key, label_ids: String(label.label_id), page_id: String(pageId), subscriber_id: psid } }));
    await succeeds(call('GET', `/api/get_flow_campaigns?${key({ page_id: pageId })}`));
    await succeeds(call('GET', `/api/get_flow_campaign_info?${key({ flow_campaign_id: flow.id })}`));
    await succeeds(call('GET', `/api/get_single_subscriber_flow_info?${key({ flow_campaign_id: flow.id, subscriber_id: psid })}`));
    await succeeds(call('GET', `/api/get_all_subscriber_flow_info?${key({ flow_campaign_id: flow.id })}`));
    const group = await succeeds(call('POST', '/api/create_contact_group', { form: { api_key: owner.key, name: 'Customers' } }));
    await succeeds(call('GET', `/api/get_contact_group?${key({ contact_type_id: group.contact_type_id })}`));
    await succeeds(call('POST', `/api/update_contact_group/${group.contact_type_id}`, { form: { api_key: owner.key, name: 'Clients' } }));
    const contact = await succeeds(call('POST', '/api/create_contact', { form: { api_key: owner.key, contact_type_id: String(group.contact_type_id), email: 'c1@test.com', first_name: 'Cy' } }));
    await succeeds(call('GET', `/api/get_contact?${key({ contact_id: contact.new_contact_id })}`));
    await succeeds(call('POST', '/api/get_contact', { form: { api_key: owner.key, contact_id: String(contact.new_contact_id) } }));
    await succeeds(call('POST', `/api/update_contact/${contact.new_contact_id}`, { form: { api_key: owner.key, first_name: 'Cyd' } }));
    await succeeds(call('POST', '/api/update_contact', { form: { api_key: owner.key, contact_id: String(contact.new_contact_id), last_name: 'Young' } }));
    await succeeds(call('POST', '/api/delete_contact', { form: { api_key: owner.key, contact_id: String(contact.new_contact_id) } }));
    await succeeds(call('POST', '/api/delete_contact_group', { form: { api_key: owner.key, contact_type_id: String(group.contact_type_id) } }));
    // Errors: HTTP 200 with {"status":"error"}.
    expect((await call('GET', '/api/get_all_packages?api_key=wrong')).body.status).toBe('error');
    expect((await call('GET', `/api/get_user_info?${key({ user_id: made.id })}`)).body.status).toBe('error');
    expect((await call('GET', `/api/get_contact?${key({ contact_id: 999999 })}`)).body.status).toBe('error');
  });

  test('they cover nearly every operation of every family', () => {
    const byFamily = new Map<string, number>();
    for (const [operationId] of checker.covered) byFamily.set(operationId.split('_')[0], (byFamily.get(operationId.split('_')[0]) ?? 0) + 1);
    // Not called: social-login (it asks Facebook or Google), the POST twins of GET routes (same respond), web's POST twin.
    expect(Object.fromEntries(byFamily)).toEqual({ social: 45, web: 2, community: 31, chat: 10, marketing: 24 });
  });
});
