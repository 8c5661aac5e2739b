import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { code, ok as data, type Member, newMembers } from '../support/graphql';
import { expectError, social } from '../support/social';
import { waitFor } from '../support/wait';
import { closeGateway, wsClient } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

const members = (n: number) => newMembers(gw, n, 'priv');
const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => data(await gw.gql(query, variables, token));
const db = () => gw.app.database.db;
const row = (m: Member) => db().selectFrom('users').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
const update = (m: Member, fields: Record<string, string>) => social(gw, 'update-user-data', fields, m.token);
const userData = async (of: Member, by: Member) => (await social(gw, 'get-user-data', { user_id: String(of.id), fetch: 'user_data' }, by.token)).body.user_data;
const follow = (from: Member, to: Member) => social(gw, 'follow-user', { user_id: String(to.id) }, from.token);

const PROFILE = 'query($id: ID!) { user(id: $id) { birthday presence lastSeenAt loginCount lat lng privacy { birthday showOnline } } }';

describe('exact position', () => {
  test('lat/lng read only by their owner; others see a distance in nearby results, and only while the owner shares it', async () => {
    const [ann, bob] = await members(2);
    await gql('mutation { setLocation(input: { lat: 48.85, lng: 2.35 }) { lat } }', {}, bob.token);
    await gql('mutation { setLocation(input: { lat: 48.86, lng: 2.35 }) { lat } }', {}, ann.token);

    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) })).user).toMatchObject({ lat: null, lng: null });
    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) }, ann.token)).user).toMatchObject({ lat: null, lng: null });
    expect((await gql('{ viewer { lat lng } }', {}, bob.token)).viewer).toEqual({ lat: 48.85, lng: 2.35 });
    expect(await userData(bob, ann)).toMatchObject({ lat: '0', lng: '0' });
    expect(await userData(bob, bob)).toMatchObject({ lat: '48.85', lng: '2.35' });

    const near = await social(gw, 'get-nearby-users', { distance: '5' }, ann.token);
    expect(near.body.nearby_users.map((u: any) => [u.user_id, u.distance, u.lat, u.lng])).toEqual([[String(bob.id), '1.11', '0', '0']]);

    expect((await update(bob, { share_my_location: '0' })).body).toEqual({ api_status: 200, message: 'Your profile was updated' });
    expect((await row(bob)).share_my_location).toBe(0);
    expect((await social(gw, 'get-nearby-users', { distance: '5' }, ann.token)).body.nearby_users).toEqual([]);
    expect((await gql('{ nearbyUsers(filter: { distance: 5 }) { nodes { id: databaseId } } }', {}, ann.token)).nearbyUsers.nodes).toEqual([]);
  });

  test('get-nearby-users with no stored position and no lat/lng answers an empty list', async () => {
    const [ann] = await members(1);
    expect((await social(gw, 'get-nearby-users', {}, ann.token)).body).toEqual({ api_status: 200, nearby_users: [] });
    expect((await gql('{ nearbyUsers { nodes { id: databaseId } } }', {}, ann.token)).nearbyUsers.nodes).toEqual([]);
  });
});

describe('birthday, last seen, online status and login count', () => {
  test('follow birth_privacy and status, over GraphQL, social user_data and the community user', async () => {
    const [bob, ann, cat] = await members(3);
    await gql('mutation { updateProfile(input: { birthday: "1990-05-01" }) { id: databaseId } }', {}, bob.token);
    await gql(`mutation { login(input: { login: "${(await row(bob)).username}", password: "password123" }) { token } }`);
    await gql('mutation { setPresence(input: { presence: ONLINE }) { id: databaseId } }', {}, bob.token);
    await follow(bob, cat);
    const everyone = { birthday: '1990-05-01', presence: 'ONLINE', lastSeenAt: expect.any(String), loginCount: expect.any(Number), privacy: null };
    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) })).user).toMatchObject(everyone);
    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) }, ann.token)).user.loginCount).toBeGreaterThan(0);

    expect((await update(bob, { birth_privacy: '1', status: '0' })).body.api_status).toBe(200);
    const hidden = { birthday: null, presence: 'OFFLINE', lastSeenAt: null, loginCount: 0, privacy: null };
    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) })).user).toMatchObject(hidden);
    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) }, ann.token)).user).toMatchObject(hidden);
    // Bob follows Cat: "people I follow" see the birthday; the online status stays hidden from them too.
    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) }, cat.token)).user).toMatchObject({ ...hidden, birthday: '1990-05-01' });
    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) }, bob.token)).user).toMatchObject({ ...everyone, privacy: { birthday: 'PEOPLE_I_FOLLOW', showOnline: false } });

    expect(await userData(bob, ann)).toMatchObject({ birthday: '0000-00-00', status: '0', lastseen: '0' });
    expect(await userData(bob, cat)).toMatchObject({ birthday: '1990-05-01', status: '0', lastseen: '0' });
    expect(await userData(bob, bob)).toMatchObject({ birthday: '1990-05-01', status: '1' });

    const secret = (await gql('mutation { createApiKey(name: "k") { secret } }', {}, ann.token)).createApiKey.secret;
    const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`app:${key}`).toString('base64')}` });
    const msid = `${bob.id}.${(await row(bob)).sid}`;
    expect((await gw.http('GET', `/api/v1/users/${msid}`, { headers: basic(secret) })).body.login_count).toBe(0);
    expect((await gw.http('GET', `/api/v1/users/${msid}`, { headers: basic(ADMIN_API_KEY) })).body.login_count).toBeGreaterThan(0);

    await gql('mutation { updatePrivacy(input: { birthday: NOBODY }) { birthday } }', {}, bob.token);
    expect((await gql(PROFILE, { id: toGlobalId('User', bob.id) }, cat.token)).user.birthday).toBeNull();
    expect(await userData(bob, cat)).toMatchObject({ birthday: '0000-00-00' });
  });

  test("a user who appears offline sends no presence changes to others' subscriptions", async () => {
    const [ann, bob, cat] = await members(3);
    await gql('mutation { updatePrivacy(input: { showOnline: false }) { showOnline } }', {}, bob.token);
    const seen: number[] = [];
    wsClient(gw, { Authorization: `Bearer ${ann.token}` }).subscribe<{ presenceChanged: { userId: number } }>(
      { query: `subscription { presenceChanged(userIds: ["${toGlobalId('User', bob.id)}", "${toGlobalId('User', cat.id)}"]) { userId: userDatabaseId } }` },
      { next: (result) => seen.push(result.data!.presenceChanged.userId), error: () => undefined, complete: () => undefined },
    );
    // Bob's change goes first each round, so once Cat's arrives, Bob's would have arrived before it.
    for (let round = 0; !seen.includes(cat.id) && round < 100; round++) {
      const presence = round % 2 === 0 ? 'ONLINE' : 'OFFLINE';
      await gql(`mutation { setPresence(input: { presence: ${presence} }) { id: databaseId } }`, {}, bob.token);
      await gql(`mutation { setPresence(input: { presence: ${presence} }) { id: databaseId } }`, {}, cat.token);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toContain(cat.id);
    expect(seen).not.toContain(bob.id);
  });
});

describe('privacy settings from both doors', () => {
  test("update-user-data takes WoWonder's privacy fields; updatePrivacy and viewer.privacy set and read the same columns", async () => {
    const [bob] = await members(1);
    const fields = { confirm_followers: '1', follow_privacy: '1', message_privacy: '2', share_my_location: '0', birth_privacy: '2', status: '0', post_privacy: 'nobody', findable_by_phone: '1' };
    expect((await update(bob, fields)).body).toEqual({ api_status: 200, message: 'Your profile was updated' });
    expect(await row(bob)).toMatchObject({
      confirm_followers: 1,
      follow_privacy: 1,
      message_privacy: 2,
      share_my_location: 0,
      birth_privacy: 2,
      show_online: 0,
      post_privacy: 2,
      phone_discoverable: 1,
    });
    const PRIVACY = '{ confirmFollowers followPrivacy messagePrivacy shareLocation birthday showOnline timelinePosts findableByPhone }';
    expect((await gql(`{ viewer { privacy ${PRIVACY} } }`, {}, bob.token)).viewer.privacy).toEqual({
      confirmFollowers: true,
      followPrivacy: 'PEOPLE_I_FOLLOW',
      messagePrivacy: 'NOBODY',
      shareLocation: false,
      birthday: 'NOBODY',
      showOnline: false,
      timelinePosts: 'NOBODY',
      findableByPhone: true,
    });
    const reset = 'mutation($i: UpdatePrivacyInput!) { updatePrivacy(input: $i) { confirmFollowers messagePrivacy timelinePosts } }';
    expect((await gql(reset, { i: { confirmFollowers: false, messagePrivacy: 'PEOPLE_I_FOLLOW', timelinePosts: 'PEOPLE_I_FOLLOW' } }, bob.token)).updatePrivacy).toEqual({
      confirmFollowers: false,
      messagePrivacy: 'PEOPLE_I_FOLLOW',
      timelinePosts: 'PEOPLE_I_FOLLOW',
    });
    expect(await row(bob)).toMatchObject({ confirm_followers: 0, message_privacy: 1, post_privacy: 1, birth_privacy: 2 });

    const before = await row(bob);
    expectError(await update(bob, { birth_privacy: '5', about: 'changed' }), 3, /^birth_privacy must be one of 0, 1, 2$/);
    expectError(await update(bob, { post_privacy: 'friends' }), 3, /^post_privacy must be one of 0, 1, 2, everyone, ifollow, nobody$/);
    expect(code(await gw.gql(reset, { i: { messagePrivacy: 'SOMETIMES' } }, bob.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(reset, { i: { messagePrivacy: 'EVERYONE' } }))).toBe('UNAUTHENTICATED');
    expect(await row(bob)).toEqual(before);
  });

  test('confirm_followers makes every follow a request; follow_privacy 1 lets the people the user follows follow at once', async () => {
    const [bob, ann, cat, dan] = await members(4);
    await follow(bob, cat);
    await update(bob, { confirm_followers: '1' });
    expect((await follow(ann, bob)).body.follow_status).toBe('requested');
    expect((await follow(cat, bob)).body.follow_status).toBe('requested');
    await follow(ann, bob);
    await follow(cat, bob);
    await update(bob, { confirm_followers: '0', follow_privacy: '1' });
    expect((await follow(cat, bob)).body.follow_status).toBe('followed');
    expect((await follow(dan, bob)).body.follow_status).toBe('requested');
  });
});

describe('finding people by phone number', () => {
  const SUGGEST = 'query($c: [String!]) { suggestions(contacts: $c) { contacts { id: databaseId } } }';
  const lookedUp = async (m: Member) => (await db().selectFrom('contact_lookups').select('numbers').where('user_id', '=', m.id).executeTakeFirst())?.numbers;
  const numbers = (from: number, n: number) => Array.from({ length: n }, (_, i) => `+1 555 ${String(from + i).padStart(7, '0')}`);

  test('matches only users who let others find them by phone', async () => {
    const [ann, bob] = await members(2);
    await gql('mutation { updateProfile(input: { phone: "+1 (555) 777-0001" }) { id: databaseId } }', {}, bob.token);
    expect((await gql(SUGGEST, { c: ['15557770001'] }, ann.token)).suggestions.contacts).toEqual([]);
    const legacy = await social(gw, 'get-user-suggestions', { contacts: '["15557770001"]' }, ann.token);
    expect(legacy.body.contacts_suggestions).toEqual([]);

    await update(bob, { findable_by_phone: '1' });
    expect((await gql(SUGGEST, { c: ['15557770001'] }, ann.token)).suggestions.contacts).toEqual([{ id: bob.id }]);
    const found = await social(gw, 'get-user-suggestions', { contacts: '["15557770001"]' }, ann.token);
    expect(found.body.contacts_suggestions.map((u: any) => u.user_id)).toEqual([String(bob.id)]);
  });

  test('at most 500 numbers a request, all aliases together, and 2,000 an account a day', async () => {
    const [ann] = await members(1);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: suggestions(contacts: $c${i}) { contacts { id } }`).join(' ');
    const vars = Array.from({ length: 20 }, (_, i) => `$c${i}: [String!]`).join(', ');
    const variables = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`c${i}`, numbers(i * 500, 500)]));
    const wide = await gw.gql(`query(${vars}) { ${aliases} }`, variables, ann.token);
    // The first alias looks its 500 numbers up; the second is refused, and with it the whole request.
    expect(wide.body.data).toBeNull();
    expect(wide.body.errors.map((e: any) => [e.path, e.extensions.code])).toEqual([[['a1'], 'RATE_LIMITED']]);
    await waitFor(async () => (await lookedUp(ann)) === 500, 5000, 'the first alias counted');
    const two = await gw.gql(
      'query($a: [String!], $b: [String!]) { a: suggestions(contacts: $a) { contacts { id: databaseId } } b: suggestions(contacts: $b) { contacts { id: databaseId } } }',
      {
        a: numbers(20_000, 300),
        b: numbers(20_300, 300),
      },
      ann.token,
    );
    expect(two.body.errors.map((e: any) => [e.path, e.extensions.code])).toEqual([[['b'], 'RATE_LIMITED']]);
    await waitFor(async () => (await lookedUp(ann)) === 800, 5000, 'alias a counted');

    // 500 + 300 so far today; three more full requests reach 2,300 > 2,000: the third is refused.
    expect((await gw.gql(SUGGEST, { c: numbers(30_000, 500) }, ann.token)).body.errors).toBeUndefined();
    expect((await gw.gql(SUGGEST, { c: numbers(31_000, 500) }, ann.token)).body.errors).toBeUndefined();
    expect(code(await gw.gql(SUGGEST, { c: numbers(32_000, 500) }, ann.token))).toBe('RATE_LIMITED');
    const legacy = await social(gw, 'get-user-suggestions', { contacts: JSON.stringify(numbers(33_000, 300)) }, ann.token);
    expect(legacy.status).toBe(429);
    expect(legacy.body).toEqual({ api_status: '429', errors: { error_id: 7, error_text: 'Look up at most 2000 phone numbers a day' } });
    expect((await social(gw, 'get-user-suggestions', { contacts: JSON.stringify(numbers(34_000, 200)) }, ann.token)).body.api_status).toBe(200);
    expect(await lookedUp(ann)).toBe(2000);
    // Without contacts, suggestions still answer.
    expect((await social(gw, 'get-user-suggestions', {}, ann.token)).body.api_status).toBe(200);
  });
});
