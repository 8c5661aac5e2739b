import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, ok } from '../support/graphql';
import { botPage, importRows, type Marketer, marketer } from './audience.fixtures';

let gw: TestGateway;
let owner: Marketer;
beforeAll(async () => {
  gw = await startTestGateway();
  owner = await marketer(gw, 'imp');
});
afterAll(() => gw.close());

const subscribersOf = (pageId: number) => gw.app.database.db.selectFrom('subscribers').selectAll().where('page_id', '=', pageId).orderBy('id').execute();

test('importSubscribers writes 10,000 rows in one call and one transaction', async () => {
  const pageId = await botPage(gw, owner);
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ psid: String(1_000_000_000_000 + i), firstName: `Sub${i}`, email: `s${i}@ex.io` }));
  const before = gw.queries.length;
  const started = performance.now();
  const result = ok(await importRows(gw, owner, pageId, rows)).importSubscribers;
  const elapsed = Math.round(performance.now() - started);
  console.log(`importSubscribers: 10000 rows in ${elapsed} ms`);
  expect(result).toEqual({ created: 10_000, updated: 0, rejected: 0, rejections: [] });
  const statements = gw.queries.slice(before);
  expect(statements.filter((sql) => /^begin/i.test(sql))).toHaveLength(1);
  expect(statements.filter((sql) => /^insert into "subscribers"/i.test(sql))).toHaveLength(20);
  const stored = await subscribersOf(pageId);
  expect(stored).toHaveLength(10_000);
  expect(stored[9_999]).toMatchObject({ psid: '1000000009999', first_name: 'Sub9999', full_name: 'Sub9999', email: 's9999@ex.io', page_id: pageId });
  expect(elapsed).toBeLessThan(10_000);
});

test('a bad row is reported with its index and reason and skipped; every valid row is written', async () => {
  const pageId = await botPage(gw, owner);
  const rows = [
    { psid: '100', firstName: 'Ok' },
    { psid: '12ab', firstName: 'Letters' },
    { psid: '101', email: 'not-an-email' },
    { psid: '102', phoneNumber: 'call me' },
    { psid: '103', firstName: 'x'.repeat(101) },
    { psid: '104', birthdate: '1990-02-30' },
    { psid: '105', subscribedAt: 'yesterday' },
    { psid: '100', firstName: 'Again' },
    { psid: '106', email: 'Fine@Example.com', phoneNumber: '+1 (555) 010-9999', birthdate: '1990-02-03', subscribedAt: '2020-10-28 13:40:46' },
  ];
  const result = ok(await importRows(gw, owner, pageId, rows)).importSubscribers;
  expect(result).toEqual({
    created: 2,
    updated: 0,
    rejected: 7,
    rejections: [
      { index: 1, psid: '12ab', message: 'psid must be a string of 1 to 32 digits' },
      { index: 2, psid: '101', message: 'email must be an email address' },
      { index: 3, psid: '102', message: 'phoneNumber must be a phone number (digits, spaces, + ( ) - .)' },
      { index: 4, psid: '103', message: 'firstName must be at most 100 characters' },
      { index: 5, psid: '104', message: 'birthdate must be a date in YYYY-MM-DD format' },
      { index: 6, psid: '105', message: 'subscribedAt must be an ISO 8601 date-time or YYYY-MM-DD HH:MM:SS' },
      { index: 7, psid: '100', message: 'psid 100 is already in row 0' },
    ],
  });
  const stored = await subscribersOf(pageId);
  expect(stored.map((s) => s.psid)).toEqual(['100', '106']);
  expect(stored[0].first_name).toBe('Ok');
  expect(stored[1]).toMatchObject({ email: 'fine@example.com', phone_number: '+1 (555) 010-9999', birthdate: '1990-02-03', subscribed_at: '2020-10-28T13:40:46.000Z' });
});

test('a second import updates by page and PSID: given fields change, omitted ones stay', async () => {
  const pageId = await botPage(gw, owner);
  ok(await importRows(gw, owner, pageId, [{ psid: '200', firstName: 'Ann', lastName: 'Lee', email: 'ann@ex.io', locale: 'en_US' }]));
  const result = ok(await importRows(gw, owner, pageId, [{ psid: '200', lastName: 'Park', email: '' }, { psid: '201' }])).importSubscribers;
  expect(result).toEqual({ created: 1, updated: 1, rejected: 0, rejections: [] });
  const [ann, fresh] = await subscribersOf(pageId);
  expect(ann).toMatchObject({ psid: '200', first_name: 'Ann', last_name: 'Park', full_name: 'Ann Park', email: null, locale: 'en_US' });
  expect(fresh).toMatchObject({ psid: '201', first_name: '', full_name: '', email: null });
  expect(await gw.count('subscribers')).toBe(10_000 + 2 + 2);
});

test("a page without a bot, another member's page, or more than 10,000 rows writes nothing", async () => {
  const [quiet, stranger] = [await botPage(gw, owner, false), await marketer(gw, 'imps')];
  const strangerPage = await botPage(gw, stranger);
  const before = await gw.count('subscribers');
  const quietRes = await importRows(gw, owner, quiet, [{ psid: '1' }]);
  expect([code(quietRes), quietRes.body.errors[0].message]).toEqual(['NOT_FOUND', 'No Enabled Bot Found']);
  expect(code(await importRows(gw, owner, strangerPage, [{ psid: '1' }]))).toBe('NOT_FOUND');
  expect(code(await importRows(gw, owner, 999999, [{ psid: '1' }]))).toBe('NOT_FOUND');
  expect(
    code(
      await importRows(
        gw,
        stranger,
        strangerPage,
        Array.from({ length: 10_001 }, (_, i) => ({ psid: String(i + 1) })),
      ),
    ),
  ).toBe('BAD_USER_INPUT');
  expect(await gw.count('subscribers')).toBe(before);
});
