import { startTestGateway, type TestGateway } from '../support/gateway';
import { ok } from '../support/graphql';

let gw: TestGateway;
let alice: { id: number; key: string };
let bob: { id: number; key: string };

async function withKey(username: string) {
  const member = await gw.member(username);
  const secret = ok(await gw.gql('mutation { createApiKey(name: "marketing") { secret } }', {}, member.token)).createApiKey.secret;
  return { id: member.id, key: secret as string };
}

beforeAll(async () => {
  gw = await startTestGateway();
  alice = await withKey('alice');
  bob = await withKey('bobby');
});
afterAll(() => gw.close());

type Res = { status: number; body: any };
const post = (path: string, key: string, form: Record<string, string> = {}) => gw.http('POST', `/api${path}`, { form: { api_key: key, ...form } });
const get = (path: string, key: string, query: Record<string, string> = {}) => gw.http('GET', `/api${path}?${new URLSearchParams({ api_key: key, ...query })}`);

function expectError(res: Res, message: string | RegExp) {
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'error', message: typeof message === 'string' ? message : expect.stringMatching(message) });
}

const DATE_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

async function newGroup(key: string, name = 'Group 12'): Promise<number> {
  const res = await post('/create_contact_group', key, { name });
  expect(res.body).toEqual({ status: 'success', contact_type_id: expect.any(Number) });
  return res.body.contact_type_id;
}

let serial = 0;
async function newContact(key: string, groupId: number, fields: Record<string, string> = {}): Promise<number> {
  const res = await post('/create_contact', key, { contact_type_id: String(groupId), email: `c${++serial}@test.com`, ...fields });
  expect(res.body).toEqual({ status: 'success', new_contact_id: expect.any(Number) });
  return res.body.new_contact_id;
}

const contactRow = (id: number) => gw.app.database.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

test('a missing or wrong api_key gets the documented message', async () => {
  expectError(await gw.http('GET', '/api/get_contact_group?contact_type_id=1'), 'Either API Key Invalid or Member Validity Expired');
  expectError(await post('/create_contact_group', 'wrong', { name: 'x' }), 'Either API Key Invalid or Member Validity Expired');
});

describe('create_contact_group and get_contact_group', () => {
  test('creates a group of the caller; get answers the bare group with every value a string, by GET, GET with a slash, or POST', async () => {
    const id = await newGroup(alice.key, '  Group 12 ');
    const res = await get('/get_contact_group/', alice.key, { contact_type_id: String(id) });
    expect(res.body).toEqual({ id: String(id), user_id: String(alice.id), type: 'Group 12', created_at: expect.stringMatching(DATE_TIME), deleted: '0' });
    expect(Object.keys(res.body)).toEqual(['id', 'user_id', 'type', 'created_at', 'deleted']);
    expect((await post('/get_contact_group', alice.key, { contact_type_id: String(id) })).body).toEqual(res.body);
    const row = await gw.app.database.db.selectFrom('contact_groups').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: alice.id, name: 'Group 12', deleted: 0 });
    expect(res.body.created_at).toBe(row.created_at.replace('T', ' ').slice(0, 19));
  });

  test('a missing, blank or too long name writes nothing', async () => {
    const before = await gw.count('contact_groups');
    expectError(await post('/create_contact_group', alice.key), 'The contact type name is required');
    expectError(await post('/create_contact_group', alice.key, { name: '   ' }), 'The contact type name is required');
    expectError(await post('/create_contact_group', alice.key, { name: 'x'.repeat(101) }), 'name must be at most 100 characters');
    expect(await gw.count('contact_groups')).toBe(before);
  });

  test("a missing, bad or unknown id, and another member's group, get the documented messages", async () => {
    const id = await newGroup(alice.key);
    expectError(await get('/get_contact_group', alice.key), 'The contact type ID is required');
    expectError(await get('/get_contact_group', alice.key, { contact_type_id: 'abc' }), 'contact_type_id must be an integer');
    expectError(await get('/get_contact_group', alice.key, { contact_type_id: '999999' }), 'The contact type ID does not exist');
    expectError(await get('/get_contact_group', bob.key, { contact_type_id: String(id) }), 'The contact type ID does not exist');
  });
});

describe('update_contact_group', () => {
  test('renames by the path id or by a contact_type_id field', async () => {
    const id = await newGroup(alice.key, 'Before');
    expect((await post(`/update_contact_group/${id}`, alice.key, { name: 'After' })).body).toEqual({ status: 'success' });
    expect((await get('/get_contact_group', alice.key, { contact_type_id: String(id) })).body.type).toBe('After');
    expect((await post('/update_contact_group', alice.key, { contact_type_id: String(id), name: 'Again' })).body).toEqual({ status: 'success' });
    expect((await get('/get_contact_group', alice.key, { contact_type_id: String(id) })).body.type).toBe('Again');
  });

  test("a missing name, a missing id, an unknown id or another member's group changes nothing", async () => {
    const id = await newGroup(alice.key, 'Kept');
    expectError(await post(`/update_contact_group/${id}`, alice.key), 'The contact type name is required');
    expectError(await post(`/update_contact_group/${id}`, alice.key, { name: ' ' }), 'The contact type name is required');
    expectError(await post('/update_contact_group', alice.key, { name: 'No id' }), 'The contact type ID is required');
    expectError(await post('/update_contact_group/999999', alice.key, { name: 'Nobody' }), 'The contact type ID does not exist');
    expectError(await post(`/update_contact_group/${id}`, bob.key, { name: 'Stolen' }), 'The contact type ID does not exist');
    expect((await get('/get_contact_group', alice.key, { contact_type_id: String(id) })).body.type).toBe('Kept');
  });
});

describe('delete_contact_group', () => {
  test('deletes softly: the group and its contacts vanish from every read and write; deleting twice is the documented error', async () => {
    const id = await newGroup(alice.key, 'Doomed');
    const contactId = await newContact(alice.key, id);
    expectError(await post('/delete_contact_group', bob.key, { contact_type_id: String(id) }), 'The contact type ID does not exist');
    expect((await post('/delete_contact_group', alice.key, { contact_type_id: String(id) })).body).toEqual({ status: 'success', message: `The contact type ID (${id}) has been deleted` });
    expect(await gw.app.database.db.selectFrom('contact_groups').select('deleted').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ deleted: 1 });
    expect((await contactRow(contactId)).deleted).toBe(1);
    expectError(await get('/get_contact_group', alice.key, { contact_type_id: String(id) }), 'The contact type ID does not exist');
    expectError(await post(`/update_contact_group/${id}`, alice.key, { name: 'Back' }), 'The contact type ID does not exist');
    expectError(await get('/get_contact', alice.key, { contact_id: String(contactId) }), 'The contact ID does not exist');
    expectError(await post('/create_contact', alice.key, { contact_type_id: String(id), email: 'late@test.com' }), 'The contact ID does not exist');
    expectError(await post('/delete_contact_group', alice.key, { contact_type_id: String(id) }), 'The contact type ID does not exist');
  });

  test('a missing id gets the documented message', async () => {
    expectError(await post('/delete_contact_group', alice.key), 'The contact_type_id field is required');
  });
});

describe('create_contact and get_contact', () => {
  test('creates a contact with its email lower-cased and its phone number as digits; get answers the bare contact with every value a string', async () => {
    const groupId = await newGroup(alice.key);
    const res = await post('/create_contact', alice.key, {
      contact_type_id: String(groupId),
      email: '  Test@Test.COM ',
      phone_number: '(0123) 456-7891',
      first_name: 'test_first_name',
      last_name: 'test_last_name',
    });
    expect(res.body).toEqual({ status: 'success', new_contact_id: expect.any(Number) });
    const id = res.body.new_contact_id;
    const got = await get('/get_contact/', alice.key, { contact_id: String(id) });
    expect(got.body).toEqual({
      id: String(id),
      user_id: String(alice.id),
      contact_type_id: String(groupId),
      first_name: 'test_first_name',
      last_name: 'test_last_name',
      phone_number: '01234567891',
      email: 'test@test.com',
      notes: '',
      unsubscribed: '0',
      deleted: '0',
    });
    expect(Object.keys(got.body)).toEqual(['id', 'user_id', 'contact_type_id', 'first_name', 'last_name', 'phone_number', 'email', 'notes', 'unsubscribed', 'deleted']);
    expect((await post('/get_contact', alice.key, { contact_id: String(id) })).body).toEqual(got.body);
  });

  test('a phone number alone is enough, with a leading +; the missing email reads as ""', async () => {
    const groupId = await newGroup(alice.key);
    const id = (await post('/create_contact', alice.key, { contact_type_id: String(groupId), phone_number: '+44 20 7946 0958' })).body.new_contact_id;
    expect((await get('/get_contact', alice.key, { contact_id: String(id) })).body).toMatchObject({ phone_number: '+442079460958', email: '', first_name: '', last_name: '' });
    expect(await contactRow(id)).toMatchObject({ email: null, phone_number: '+442079460958', user_id: alice.id });
  });

  test("no email and no phone, a bad email or phone, a missing or unknown group, another member's group or a taken email writes nothing", async () => {
    const groupId = await newGroup(alice.key);
    await newContact(alice.key, groupId, { email: 'taken@test.com', phone_number: '555123456' });
    const bobGroup = await newGroup(bob.key);
    const before = await gw.count('contacts');
    const g = String(groupId);
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, first_name: 'Nobody' }), 'The email or phone_number is required');
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, email: ' ', phone_number: '' }), 'The email or phone_number is required');
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, email: 'not-an-email' }), 'email "not-an-email" is not a valid email address');
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, phone_number: '12ab34' }), /^phone_number "12ab34" must be 5 to 15 digits with an optional leading \+/);
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, phone_number: '12+345678' }), /^phone_number "12\+345678" must be/);
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, phone_number: '1234' }), /^phone_number "1234" must be 5 to 15 digits/);
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, email: 'ok@test.com', first_name: 'x'.repeat(101) }), 'first_name must be at most 100 characters');
    expectError(await post('/create_contact', alice.key, { email: 'a@test.com' }), 'The contact type ID is required');
    expectError(await post('/create_contact', alice.key, { contact_type_id: '999999', email: 'a@test.com' }), 'The contact ID does not exist');
    expectError(await post('/create_contact', alice.key, { contact_type_id: String(bobGroup), email: 'a@test.com' }), 'The contact ID does not exist');
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, email: 'TAKEN@test.com' }), /^A contact with this email already exists \(ID \d+\)$/);
    expectError(await post('/create_contact', alice.key, { contact_type_id: g, phone_number: '555-123-456' }), /^A contact with this phone_number already exists \(ID \d+\)$/);
    expect(await gw.count('contacts')).toBe(before);
    // Another member's contacts do not count: the same email is free for bob.
    await newContact(bob.key, bobGroup, { email: 'taken@test.com' });
  });

  test("a missing, unknown or another member's contact gets the documented message", async () => {
    const id = await newContact(alice.key, await newGroup(alice.key));
    expectError(await get('/get_contact', alice.key), 'The contact ID is required');
    expectError(await get('/get_contact', alice.key, { contact_id: '999999' }), 'The contact ID does not exist');
    expectError(await get('/get_contact', bob.key, { contact_id: String(id) }), 'The contact ID does not exist');
  });
});

describe('update_contact', () => {
  test('names always change; email and phone number fill in only when not set before', async () => {
    const groupId = await newGroup(alice.key);
    const id = await newContact(alice.key, groupId, { email: '', phone_number: '0700000001', first_name: 'Old' });
    const read = async () => (await get('/get_contact', alice.key, { contact_id: String(id) })).body;
    expect((await post(`/update_contact/${id}`, alice.key, { first_name: 'New', last_name: 'Name', email: 'First@Set.com' })).body).toEqual({ status: 'success' });
    expect(await read()).toMatchObject({ first_name: 'New', last_name: 'Name', email: 'first@set.com', phone_number: '0700000001' });

    expect((await post(`/update_contact/${id}`, alice.key, { first_name: 'Newer', email: 'other@set.com' })).body).toEqual({ status: 'success' });
    expect((await post(`/update_contact/${id}`, alice.key, { phone_number: '0700000002' })).body).toEqual({ status: 'success' });
    expect(await read()).toMatchObject({ first_name: 'Newer', email: 'first@set.com', phone_number: '0700000001' });

    expect((await post('/update_contact', alice.key, { contact_id: String(id), first_name: 'Via', email: 'FIRST@set.com', phone_number: '070-000-0001' })).body).toEqual({ status: 'success' });
    expect(await read()).toMatchObject({ first_name: 'Via', last_name: 'Name', email: 'first@set.com', phone_number: '0700000001' });
  });

  test("the document's example (email, phone number, first and last name together) saves the names and keeps the set email and phone", async () => {
    const id = await newContact(alice.key, await newGroup(alice.key), { email: 'doc@example.com', phone_number: '15550001111', first_name: 'Old', last_name: 'Names' });
    const before = await contactRow(id);
    const res = await post(`/update_contact/${id}`, alice.key, { email: 'someone.else@example.com', phone_number: '+1 (555) 000-1111', first_name: 'Ada', last_name: 'Lovelace' });
    expect(res.body).toEqual({ status: 'success' });
    expect(await contactRow(id)).toMatchObject({ email: 'doc@example.com', phone_number: '15550001111', first_name: 'Ada', last_name: 'Lovelace' });
    expect((await post(`/update_contact/${id}`, alice.key, { phone_number: '+1 (555) 000-1111', first_name: 'Same' })).body).toEqual({ status: 'success' });
    expect(await contactRow(id)).toMatchObject({ phone_number: before.phone_number, first_name: 'Same' });
  });

  test("a phone number fills in once, and it must not be another contact's", async () => {
    const groupId = await newGroup(alice.key);
    const other = await newContact(alice.key, groupId, { phone_number: '0711111111' });
    const id = await newContact(alice.key, groupId);
    expectError(await post(`/update_contact/${id}`, alice.key, { phone_number: '0711111111' }), `A contact with this phone_number already exists (ID ${other})`);
    expect((await post(`/update_contact/${id}`, alice.key, { phone_number: '0722222222' })).body).toEqual({ status: 'success' });
    expect((await contactRow(id)).phone_number).toBe('0722222222');
  });

  test("no fields, a bad value, a missing, unknown or another member's contact changes nothing", async () => {
    const id = await newContact(alice.key, await newGroup(alice.key), { first_name: 'Same' });
    const before = await contactRow(id);
    expectError(await post(`/update_contact/${id}`, alice.key), 'You should at least provide value for first name or last name or email or phone number');
    expectError(await post(`/update_contact/${id}`, alice.key, { first_name: ' ', last_name: '' }), 'You should at least provide value for first name or last name or email or phone number');
    expectError(await post(`/update_contact/${id}`, alice.key, { first_name: 'Changed', phone_number: 'call me' }), /^phone_number "call me" must be/);
    expectError(await post('/update_contact', alice.key, { first_name: 'x' }), 'The contact ID is required');
    expectError(await post('/update_contact/999999', alice.key, { first_name: 'x' }), 'The contact ID does not exist');
    expectError(await post(`/update_contact/${id}`, bob.key, { first_name: 'Stolen' }), 'The contact ID does not exist');
    expect(await contactRow(id)).toEqual(before);
  });
});

describe('delete_contact', () => {
  test('deletes softly; the contact vanishes; deleting twice is the documented error; another member cannot', async () => {
    const id = await newContact(alice.key, await newGroup(alice.key), { email: 'reuse@test.com' });
    expectError(await post('/delete_contact', bob.key, { contact_id: String(id) }), 'The contact ID does not exist');
    expect((await contactRow(id)).deleted).toBe(0);
    expect((await post('/delete_contact', alice.key, { contact_id: String(id) })).body).toEqual({ status: 'success', message: `The contact ID (${id}) has been deleted` });
    expect((await contactRow(id)).deleted).toBe(1);
    expectError(await get('/get_contact', alice.key, { contact_id: String(id) }), 'The contact ID does not exist');
    expectError(await post(`/update_contact/${id}`, alice.key, { first_name: 'Ghost' }), 'The contact ID does not exist');
    expectError(await post('/delete_contact', alice.key, { contact_id: String(id) }), 'The contact ID does not exist');
    expectError(await post('/delete_contact', alice.key), 'The contact ID is required');
    // A deleted contact's email is free again.
    await newContact(alice.key, await newGroup(alice.key), { email: 'reuse@test.com' });
  });
});

test('the mutations are POST only; other methods answer in the envelope', async () => {
  const res = await get('/create_contact_group', alice.key, { name: 'x' });
  expectError(res, 'Use POST for this endpoint');
});
