import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
let packageId: number;
beforeAll(async () => {
  gw = await startTestGateway();
  const now = new Date().toISOString();
  const row = await gw.app.database.db
    .insertInto('packages')
    .values({ package_name: 'everything', module_ids: '251,80', price: '112.35', validity: 700, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  packageId = row.id;
});
afterAll(() => gw.close());

const key = `api_key=${ADMIN_API_KEY}`;

function expectError(res: { status: number; body: any }, message?: string) {
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'error', message: message ?? expect.any(String) });
}

describe('api_key', () => {
  test('a missing or wrong key gets the documented message', async () => {
    expectError(await gw.http('GET', '/api/get_all_packages'), 'Either API Key Invalid or Member Validity Expired');
    expectError(await gw.http('GET', '/api/get_all_packages?api_key=wrong'), 'Either API Key Invalid or Member Validity Expired');
  });

  test('a member key may not use the admin endpoints', async () => {
    const { token } = await gw.member('nonadmin');
    const secret = (await gw.gql('mutation { createApiKey(name: "m") { secret } }', {}, token)).body.data.createApiKey.secret;
    expectError(await gw.http('GET', `/api/get_user_info?api_key=${secret}&user_id=1`));
    expect((await gw.http('GET', `/api/get_all_packages?api_key=${secret}`)).body.status).toBe('success');
  });
});

test('get_all_packages lists packages with every value a string, by GET, GET with a trailing slash, or POST', async () => {
  const res = await gw.http('GET', `/api/get_all_packages/?${key}`);
  expect(res.body).toEqual({
    status: 'success',
    packages: [{ id: String(packageId), package_name: 'everything', module_ids: '251,80', price: '112.35', validity: '700', deleted: '0', visible: '1', highlight: '0' }],
  });
  expect((await gw.http('POST', '/api/get_all_packages', { form: { api_key: ADMIN_API_KEY } })).body).toEqual(res.body);
});

describe('create_system_user', () => {
  test('creates a user and answers its id as a number', async () => {
    const res = await gw.http('POST', '/api/create_system_user', {
      form: {
        api_key: ADMIN_API_KEY,
        name: 'Test User',
        email: 'test_user@test.com',
        password: 'pa55word!',
        package_id: String(packageId),
        expired_date: '2030-10-27',
        mobile: '01234567891',
        address: 'Heaven 21',
      },
    });
    expect(res.body).toEqual({ status: 'success', id: expect.any(Number) });
    const info = await gw.http('GET', `/api/get_user_info?${key}&user_id=${res.body.id}`);
    expect(info.body).toEqual({
      status: 'success',
      user_info: {
        id: String(res.body.id),
        name: 'Test User',
        email: 'test_user@test.com',
        mobile: '01234567891',
        address: 'Heaven 21',
        user_type: 'Member',
        status: '1',
        add_date: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        last_login_at: '0000-00-00 00:00:00',
        expired_date: '2030-10-27 00:00:00',
        package_id: String(packageId),
        last_login_ip: '',
      },
    });
  });

  test('a taken email, a missing field, a bad date or an unknown package writes nothing', async () => {
    const before = await gw.count('users');
    const base = { api_key: ADMIN_API_KEY, name: 'X', email: 'x@test.com', password: 'pa55word!', package_id: String(packageId), expired_date: '2030-01-01' };
    expectError(await gw.http('POST', '/api/create_system_user', { form: { ...base, email: 'TEST_USER@test.com' } }), 'Email already exists');
    expectError(await gw.http('POST', '/api/create_system_user', { form: { ...base, name: '' } }));
    expectError(await gw.http('POST', '/api/create_system_user', { form: { ...base, expired_date: '27/10/2030' } }));
    expectError(await gw.http('POST', '/api/create_system_user', { form: { ...base, package_id: '9999' } }));
    expect(await gw.count('users')).toBe(before);
  });
});

describe('get_user_info', () => {
  test('finds by email too; an unknown user is "No Matching User Found"', async () => {
    const res = await gw.http('GET', `/api/get_user_info?${key}&email=TEST_USER@test.com`);
    expect(res.body.user_info.email).toBe('test_user@test.com');
    expectError(await gw.http('GET', `/api/get_user_info?${key}&user_id=424242`), 'No Matching User Found');
    expectError(await gw.http('GET', `/api/get_user_info?${key}`));
  });
});

describe('update_user/{id} and create_system_user/{id}', () => {
  test('both paths update the given fields', async () => {
    const id = (await gw.http('GET', `/api/get_user_info?${key}&email=test_user@test.com`)).body.user_info.id;
    expect((await gw.http('POST', `/api/update_user/${id}`, { form: { api_key: ADMIN_API_KEY, name: 'Renamed Person', mobile: '0999' } })).body).toEqual({ status: 'success' });
    expect((await gw.http('POST', `/api/create_system_user/${id}`, { form: { api_key: ADMIN_API_KEY, address: 'Elsewhere 1', expired_date: '2031-01-31' } })).body).toEqual({ status: 'success' });
    const info = (await gw.http('GET', `/api/get_user_info?${key}&user_id=${id}`)).body.user_info;
    expect(info).toMatchObject({ name: 'Renamed Person', mobile: '0999', address: 'Elsewhere 1', expired_date: '2031-01-31 00:00:00' });
  });

  test('an unknown id, no fields or a bad value changes nothing', async () => {
    const id = (await gw.http('GET', `/api/get_user_info?${key}&email=test_user@test.com`)).body.user_info.id;
    expectError(await gw.http('POST', '/api/update_user/12345', { form: { api_key: ADMIN_API_KEY, name: 'Nobody' } }), 'User not found with the ID: 12345');
    expectError(await gw.http('POST', `/api/update_user/${id}`, { form: { api_key: ADMIN_API_KEY } }));
    expectError(await gw.http('POST', `/api/update_user/${id}`, { form: { api_key: ADMIN_API_KEY, name: 'Half Done', package_id: '9999' } }));
    expect((await gw.http('GET', `/api/get_user_info?${key}&user_id=${id}`)).body.user_info.name).toBe('Renamed Person');
  });
});
