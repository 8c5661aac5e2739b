import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { ok } from '../support/graphql';
import { answer, botPage, createLabel, flowCampaign, importRows, type Marketer, marketer } from '../marketing/audience.fixtures';

const INVALID_KEY = 'Either API Key Invalid or Member Validity Expired';
const NO_BOT = 'No Enabled Bot Found';
const NO_SUBSCRIBER = ' No Matching Subscriber Found';
const NO_CAMPAIGN = 'The flow campaign ID does not exist';

let gw: TestGateway;
let owner: Marketer;
let other: Marketer;
let pageId: number;
let quietPageId: number;
let otherPageId: number;

const PSID = '2499454673490220';
const SECOND = '3001440154747507';

beforeAll(async () => {
  gw = await startTestGateway();
  [owner, other] = [await marketer(gw, 'raud'), await marketer(gw, 'raudo')];
  pageId = await botPage(gw, owner);
  quietPageId = await botPage(gw, owner, false);
  otherPageId = await botPage(gw, other);
  const rows = [
    {
      psid: PSID,
      firstName: 'test_first_name',
      lastName: 'test_last_name',
      fullName: 'test_full_name',
      gender: 'female',
      locale: 'en_US',
      timezone: '-5',
      referrerSource: 'CUSTOMER_CHAT_PLUGIN',
      subscribedAt: '2020-10-28 13:40:46',
      email: 'test@test.com',
      phoneNumber: '01234567891',
      birthdate: '1990-02-03',
      lastInteractionAt: '2020-11-01T08:00:00Z',
      lastErrorMessage: 'Timeout',
      lastErrorMessageBroadcast: 'Blocked',
    },
    { psid: SECOND, firstName: 'Dovie' },
  ];
  expect(ok(await importRows(gw, owner, pageId, rows)).importSubscribers).toMatchObject({ created: 2, rejected: 0 });
  expect(ok(await importRows(gw, other, otherPageId, [{ psid: '5550001' }])).importSubscribers).toMatchObject({ created: 1 });
});
afterAll(() => gw.close());

function expectError(res: { status: number; body: any }, message?: string) {
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'error', message: message ?? expect.any(String) });
}

const get = (path: string, who: Marketer | string, params: Record<string, string | number> = {}) => {
  const key = typeof who === 'string' ? who : who.key;
  const query = new URLSearchParams({ api_key: key, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
  return gw.http('GET', `/api/${path}?${query}`);
};
const post = (path: string, who: Marketer, form: Record<string, string | number>) =>
  gw.http('POST', `/api/${path}`, { form: { api_key: who.key, ...Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)])) } });

describe('subscriber_information', () => {
  test('answers every documented key as a string, by GET with a trailing slash or POST', async () => {
    const res = await gw.http('GET', `/api/subscriber_information/?api_key=${owner.key}&subscriber_id=${PSID}`);
    expect(res.body).toEqual({
      status: 'success',
      subscriber_info: {
        subscriber_id: PSID,
        labels: '',
        first_name: 'test_first_name',
        last_name: 'test_last_name',
        full_name: 'test_full_name',
        gender: 'female',
        locale: 'en_US',
        timezone: '-5',
        page_name: expect.stringMatching(/^Page \d+$/),
        page_id: String(pageId),
        unavailable: '0',
        last_error_message: 'Timeout',
        last_error_message_conversation_broadcast: 'Blocked',
        refferer_source: 'CUSTOMER_CHAT_PLUGIN',
        subscribed_at: '2020-10-28 13:40:46',
        email: 'test@test.com',
        phone_number: '01234567891',
        birthdate: '1990-02-03',
        last_subscriber_interaction_time: '2020-11-01 08:00:00',
      },
    });
    expect((await post('subscriber_information', owner, { subscriber_id: PSID })).body).toEqual(res.body);
    expect((await get('subscriber_information', owner, { subscriber_id: PSID, page_id: pageId })).body).toEqual(res.body);
  });

  test('unset fields read as empty strings and the legacy zero dates', async () => {
    const info = (await get('subscriber_information', owner, { subscriber_id: SECOND })).body.subscriber_info;
    expect(info).toMatchObject({
      first_name: 'Dovie',
      full_name: 'Dovie',
      email: '',
      phone_number: '',
      birthdate: '0000-00-00',
      subscribed_at: '0000-00-00 00:00:00',
      last_subscriber_interaction_time: '0000-00-00 00:00:00',
    });
  });

  test("an unknown PSID, another member's subscriber or a missing subscriber_id is an error", async () => {
    expectError(await get('subscriber_information', owner, { subscriber_id: '999999' }), NO_SUBSCRIBER);
    expectError(await get('subscriber_information', owner, { subscriber_id: 'abc' }), NO_SUBSCRIBER);
    expectError(await get('subscriber_information', owner, { subscriber_id: '5550001' }), NO_SUBSCRIBER);
    expectError(await get('subscriber_information', other, { subscriber_id: PSID }), NO_SUBSCRIBER);
    expectError(await get('subscriber_information', owner), 'subscriber_id is required');
    expectError(await get('subscriber_information', owner, { subscriber_id: PSID, page_id: quietPageId }), NO_BOT);
    expectError(await get('subscriber_information', other, { subscriber_id: PSID, page_id: pageId }), NO_BOT);
  });
});

describe('labels', () => {
  let labelPage: number;
  beforeAll(async () => {
    labelPage = await botPage(gw, owner);
    ok(await importRows(gw, owner, labelPage, [{ psid: '7001' }, { psid: '7002' }]));
  });

  test('get_all_labels of a page without labels is "No Matching Label Found"; create_label answers a 16-digit label id as text', async () => {
    expectError(await get('get_all_labels', owner, { page_id: labelPage }), 'No Matching Label Found');
    const important = await post('create_label', owner, { label_name: 'Important', page_id: labelPage });
    expect(important.body).toEqual({ status: 'success', label_id: expect.stringMatching(/^\d{16}$/) });
    const product = (await post('create_label', owner, { label_name: 'Product', page_id: labelPage })).body.label_id;
    const res = await gw.http('GET', `/api/get_all_labels/?api_key=${owner.key}&page_id=${labelPage}`);
    expect(res.body).toEqual({
      status: 'success',
      label_info: [
        { label_id: important.body.label_id, label_name: 'Important' },
        { label_id: product, label_name: 'Product' },
      ],
    });
    expect((await post('get_all_labels', owner, { page_id: labelPage })).body).toEqual(res.body);
  });

  test("get_all_labels of a page without a bot, another member's page or no page_id is an error", async () => {
    expectError(await get('get_all_labels', owner, { page_id: quietPageId }), NO_BOT);
    expectError(await get('get_all_labels', other, { page_id: labelPage }), NO_BOT);
    expectError(await get('get_all_labels', owner, { page_id: 999999 }), NO_BOT);
    expectError(await get('get_all_labels', owner), 'page_id is required');
    expectError(await get('get_all_labels', owner, { page_id: 'abc' }), 'page_id must be an integer');
  });

  test("create_label without a bot, on another member's page, with a taken, blank or long name writes nothing", async () => {
    const before = await gw.count('labels');
    expectError(await post('create_label', owner, { label_name: 'Quiet', page_id: quietPageId }), NO_BOT);
    expectError(await post('create_label', other, { label_name: 'Intruder', page_id: labelPage }), NO_BOT);
    expectError(await post('create_label', owner, { label_name: 'Important', page_id: labelPage }), 'A label named "Important" already exists on this page');
    expectError(await post('create_label', owner, { label_name: '  ', page_id: labelPage }), 'label_name is required');
    expectError(await post('create_label', owner, { label_name: 'x'.repeat(101), page_id: labelPage }), 'label_name must be 1 to 100 characters');
    expectError(await post('create_label', owner, { label_name: 'No page' }), 'page_id is required');
    expectError(await get('create_label', owner, { label_name: 'By GET', page_id: labelPage }), 'Use POST for this endpoint');
    expect(await gw.count('labels')).toBe(before);
  });

  test('assign_label gives several labels at once; assigning again adds no duplicates', async () => {
    const a = await createLabel(gw, owner, labelPage, 'Assign A');
    const b = await createLabel(gw, owner, labelPage, 'Assign B');
    const before = await gw.count('subscriber_labels');
    const res = await post('assign_label', owner, { label_ids: `${a.labelId},${b.labelId}`, page_id: labelPage, subscriber_id: '7001' });
    expect(res.body).toEqual({ success: true, status: 'success' });
    expect(Object.keys(res.body)).toEqual(['success', 'status']);
    expect((await post('assign_label', owner, { label_ids: `${b.labelId}, ${a.labelId}`, page_id: labelPage, subscriber_id: '7001' })).body).toEqual({ success: true, status: 'success' });
    expect(await gw.count('subscriber_labels')).toBe(before + 2);
    const info = (await get('subscriber_information', owner, { subscriber_id: '7001' })).body.subscriber_info;
    expect(info.labels).toBe(`${a.labelId},${b.labelId}`);
  });

  test("assign_label to an unknown subscriber, without a bot, on another member's page or with an unknown label writes nothing", async () => {
    const label = await createLabel(gw, owner, labelPage, 'Assign C');
    const before = await gw.count('subscriber_labels');
    const form = { label_ids: label.labelId, page_id: labelPage, subscriber_id: '7002' };
    expectError(await post('assign_label', owner, { ...form, subscriber_id: '424242' }), '(#100) The user ID is not valid.');
    expectError(await post('assign_label', owner, { ...form, page_id: quietPageId }), NO_BOT);
    expectError(await post('assign_label', other, form), NO_BOT);
    expectError(await post('assign_label', owner, { ...form, label_ids: `${label.labelId},1234` }), 'Label 1234 does not exist on this page');
    expectError(await post('assign_label', owner, { ...form, label_ids: ' , ' }), 'label_ids must name at least one label');
    expectError(await post('assign_label', owner, { page_id: labelPage, subscriber_id: '7002' }), 'label_ids is required');
    expect(await gw.count('subscriber_labels')).toBe(before);
  });
});

describe('flow campaigns', () => {
  let flowPage: number;
  let serial: { id: number; questionIds: number[] };
  let empty: { id: number; questionIds: number[] };
  const QUESTIONS = ['What do you like to do?', 'What is your favorite pet?', 'What is your favorite color?'];
  beforeAll(async () => {
    flowPage = await botPage(gw, owner);
    ok(await importRows(gw, owner, flowPage, [{ psid: PSID }, { psid: SECOND }, { psid: '8003' }]));
    serial = await flowCampaign(gw, owner, flowPage, 'serial check', QUESTIONS);
    empty = await flowCampaign(gw, owner, flowPage, 'Flow Campaign 2', ['Anything?']);
    const [q1, q2, q3] = serial.questionIds;
    ok(
      await answer(gw, owner, serial.id, PSID, [
        { questionId: q1, answer: 'Reading, Traveling, Watching Movies' },
        { questionId: q2, answer: 'Dog' },
        { questionId: q3, answer: 'Black' },
      ]),
    );
    ok(
      await answer(gw, owner, serial.id, SECOND, [
        { questionId: q1, answer: 'Traveling, Watching Movies' },
        { questionId: q3, answer: 'Blue' },
      ]),
    );
  });

  test('get_flow_campaigns is a bare array of ids as strings and names; another member sees none of them', async () => {
    const res = await gw.http('GET', `/api/get_flow_campaigns/?api_key=${owner.key}`);
    expect(res.body).toEqual([
      { id: String(serial.id), flow_name: 'serial check' },
      { id: String(empty.id), flow_name: 'Flow Campaign 2' },
    ]);
    expect((await post('get_flow_campaigns', owner, {})).body).toEqual(res.body);
    expect((await get('get_flow_campaigns', owner, { page_id: flowPage })).body).toEqual(res.body);
    expect((await get('get_flow_campaigns', other)).body).toEqual([]);
    expectError(await get('get_flow_campaigns', owner, { page_id: quietPageId }), NO_BOT);
  });

  test('get_flow_campaign_info answers the questions in order, by POST with query parameters (the curl line) or GET', async () => {
    const res = await gw.http('POST', `/api/get_flow_campaign_info/?api_key=${owner.key}&flow_campaign_id=${serial.id}`);
    expect(res.body).toEqual({ id: String(serial.id), flow_name: 'serial check', questions: QUESTIONS });
    expect((await get('get_flow_campaign_info', owner, { flow_campaign_id: serial.id })).body).toEqual(res.body);
    expectError(await get('get_flow_campaign_info', owner), 'The flow_campaign_id field is required');
    expectError(await get('get_flow_campaign_info', owner, { flow_campaign_id: 999999 }), NO_CAMPAIGN);
    expectError(await get('get_flow_campaign_info', other, { flow_campaign_id: serial.id }), NO_CAMPAIGN);
  });

  test("get_single_subscriber_flow_info lists the subscriber's answers in question order", async () => {
    const [q1, q2, q3] = serial.questionIds.map(String);
    const res = await get('get_single_subscriber_flow_info', owner, { flow_campaign_id: serial.id, subscriber_id: PSID });
    expect(res.body).toEqual({
      id: String(serial.id),
      flow_name: 'serial check',
      data: [
        { question_id: q1, question: QUESTIONS[0], answer: 'Reading, Traveling, Watching Movies' },
        { question_id: q2, question: QUESTIONS[1], answer: 'Dog' },
        { question_id: q3, question: QUESTIONS[2], answer: 'Black' },
      ],
    });
    expect((await get('get_single_subscriber_flow_info', owner, { flow_campaign_id: serial.id, subscriber_id: '8003' })).body).toEqual({ id: String(serial.id), flow_name: 'serial check', data: [] });
    expectError(await get('get_single_subscriber_flow_info', owner, { flow_campaign_id: 999999, subscriber_id: PSID }), NO_CAMPAIGN);
    expectError(await get('get_single_subscriber_flow_info', other, { flow_campaign_id: serial.id, subscriber_id: PSID }), NO_CAMPAIGN);
    expectError(await get('get_single_subscriber_flow_info', owner, { flow_campaign_id: serial.id, subscriber_id: '424242' }), NO_SUBSCRIBER);
    expectError(await get('get_single_subscriber_flow_info', owner, { subscriber_id: PSID }), 'The flow_campaign_id field is required');
    expectError(await get('get_single_subscriber_flow_info', owner, { flow_campaign_id: serial.id }), 'subscriber_id is required');
  });

  test('get_all_subscriber_flow_info maps each PSID to its answers; a campaign without answers has data {}', async () => {
    const [q1, q2, q3] = serial.questionIds.map(String);
    const res = await get('get_all_subscriber_flow_info', owner, { flow_campaign_id: serial.id });
    expect(res.body).toEqual({
      id: String(serial.id),
      flow_name: 'serial check',
      data: {
        [PSID]: [
          { question_id: q1, question: QUESTIONS[0], answer: 'Reading, Traveling, Watching Movies' },
          { question_id: q2, question: QUESTIONS[1], answer: 'Dog' },
          { question_id: q3, question: QUESTIONS[2], answer: 'Black' },
        ],
        [SECOND]: [
          { question_id: q1, question: QUESTIONS[0], answer: 'Traveling, Watching Movies' },
          { question_id: q3, question: QUESTIONS[2], answer: 'Blue' },
        ],
      },
    });
    expect(Object.keys(res.body.data)).toEqual([PSID, SECOND]);
    expect((await post('get_all_subscriber_flow_info', owner, { flow_campaign_id: empty.id })).body).toEqual({ id: String(empty.id), flow_name: 'Flow Campaign 2', data: {} });
    expectError(await get('get_all_subscriber_flow_info', owner), 'The flow_campaign_id field is required');
    expectError(await get('get_all_subscriber_flow_info', owner, { flow_campaign_id: 999999 }), NO_CAMPAIGN);
    expectError(await get('get_all_subscriber_flow_info', other, { flow_campaign_id: serial.id }), NO_CAMPAIGN);
  });
});

describe('member validity', () => {
  const setExpiry = (userId: number, date: string) => gw.http('POST', `/api/update_user/${userId}`, { form: { api_key: ADMIN_API_KEY, expired_date: date } });

  test('an expired member gets the documented message on every marketing endpoint and writes nothing; a renewed one works again', async () => {
    const member = await marketer(gw, 'expiring');
    const page = await botPage(gw, member);
    ok(await importRows(gw, member, page, [{ psid: '9001' }]));
    expect((await setExpiry(member.id, '2020-01-01')).body).toEqual({ status: 'success' });
    const labels = await gw.count('labels');
    expectError(await get('get_all_packages', member), INVALID_KEY);
    expectError(await get('subscriber_information', member, { subscriber_id: '9001' }), INVALID_KEY);
    expectError(await get('get_all_labels', member, { page_id: page }), INVALID_KEY);
    expectError(await post('create_label', member, { label_name: 'Late', page_id: page }), INVALID_KEY);
    expectError(await post('assign_label', member, { label_ids: '1', page_id: page, subscriber_id: '9001' }), INVALID_KEY);
    expectError(await get('get_flow_campaigns', member), INVALID_KEY);
    expectError(await get('get_flow_campaign_info', member, { flow_campaign_id: 1 }), INVALID_KEY);
    expectError(await get('get_single_subscriber_flow_info', member, { flow_campaign_id: 1, subscriber_id: '9001' }), INVALID_KEY);
    expectError(await get('get_all_subscriber_flow_info', member, { flow_campaign_id: 1 }), INVALID_KEY);
    expect(await gw.count('labels')).toBe(labels);

    expect((await setExpiry(member.id, '2999-12-31')).body).toEqual({ status: 'success' });
    expect((await get('subscriber_information', member, { subscriber_id: '9001' })).body.status).toBe('success');
    expect((await post('create_label', member, { label_name: 'On time', page_id: page })).body.status).toBe('success');
  });

  test('an admin is never expired', async () => {
    const admin = await gw.app.database.db.selectFrom('users').select('id').where('role_id', '=', 1).executeTakeFirstOrThrow();
    await gw.app.database.db.updateTable('users').set({ expired_date: '2001-01-01T00:00:00.000Z' }).where('id', '=', admin.id).execute();
    expect((await get('get_user_info', ADMIN_API_KEY, { user_id: admin.id })).body.user_info.expired_date).toBe('2001-01-01 00:00:00');
    expect((await get('get_all_packages', ADMIN_API_KEY)).body.status).toBe('success');
    expect((await get('get_flow_campaigns', ADMIN_API_KEY)).body).toEqual([]);
  });
});
