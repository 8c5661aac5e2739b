import { recordEvents } from '../support/events';
import { viewerOf } from '../../src/auth/authenticate';
import { createContext } from '../../src/graphql/context';
import { toGlobalId } from '../../src/graphql/node';
import { seedAudience } from '../../src/seed/demo-audience';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, ok } from '../support/graphql';
import { answer, assign, botPage, createLabel, flowCampaign, importRows, type Marketer, marketer, pageGid } from './audience.fixtures';

let gw: TestGateway;
let owner: Marketer;
let other: Marketer;
let pageId: number;
let quietPageId: number;
beforeAll(async () => {
  gw = await startTestGateway();
  [owner, other] = [await marketer(gw, 'gaud'), await marketer(gw, 'gaudo')];
  pageId = await botPage(gw, owner);
  quietPageId = await botPage(gw, owner, false);
  ok(
    await importRows(gw, owner, pageId, [
      { psid: '11', firstName: 'Ann', lastName: 'Lee' },
      { psid: '12', firstName: 'Bo' },
      { psid: '13', firstName: 'Cy' },
    ]),
  );
});
afterAll(() => gw.close());

/** A flow campaign's global id. */
const F = (id: number) => toGlobalId('FlowCampaign', id);
const as = (who: Marketer, query: string, variables: Record<string, unknown> = {}) => gw.gql(query, variables, who.token);
const message = (res: { body: any }) => res.body.errors?.[0]?.message;

describe('subscribers', () => {
  test("subscriber by page and PSID, or by PSID across the viewer's bot pages, with its page and labels", async () => {
    const query =
      'query($s: String!, $p: ID) { subscriber(psid: $s, pageId: $p) { psid pageId: pageDatabaseId firstName lastName fullName unavailable email subscribedAt page { id: databaseId botEnabled } labels { name } } }';
    const expected = {
      psid: '11',
      pageId,
      firstName: 'Ann',
      lastName: 'Lee',
      fullName: 'Ann Lee',
      unavailable: false,
      email: null,
      subscribedAt: null,
      page: { id: pageId, botEnabled: true },
      labels: [],
    };
    expect(ok(await as(owner, query, { s: '11', p: pageGid(pageId) })).subscriber).toEqual(expected);
    expect(ok(await as(owner, query, { s: '11' })).subscriber).toEqual(expected);
    expect(ok(await as(owner, query, { s: '99' })).subscriber).toBeNull();
    expect(ok(await as(other, query, { s: '11' })).subscriber).toBeNull();
    expect(message(await as(other, query, { s: '11', p: pageGid(pageId) }))).toBe('No Enabled Bot Found');
    expect(message(await as(owner, query, { s: '11', p: pageGid(quietPageId) }))).toBe('No Enabled Bot Found');
    expect(code(await gw.gql(query, { s: '11' }))).toBe('UNAUTHENTICATED');
  });

  test('subscribers pages through a bot page, and filters by label', async () => {
    const list = ({ p, ...variables }: Record<string, any>) =>
      as(owner, 'query($p: ID!, $l: String, $n: Int, $a: String) { subscribers(pageId: $p, labelId: $l, first: $n, after: $a) { totalCount nodes { psid } pageInfo { endCursor } } }', {
        p: pageGid(p),
        ...variables,
      });
    const psids = async (variables: Record<string, unknown>) => ok(await list(variables)).subscribers.nodes;
    expect(await psids({ p: pageId })).toEqual([{ psid: '11' }, { psid: '12' }, { psid: '13' }]);
    const first = ok(await list({ p: pageId, n: 1 })).subscribers;
    expect(first.totalCount).toBe(3);
    expect(await psids({ p: pageId, n: 1, a: first.pageInfo.endCursor })).toEqual([{ psid: '12' }]);
    const label = await createLabel(gw, owner, pageId, 'Filter');
    ok(await assign(gw, owner, pageId, '13', [label.labelId]));
    expect(ok(await list({ p: pageId, l: label.labelId })).subscribers).toMatchObject({ totalCount: 1, nodes: [{ psid: '13' }] });
    expect(message(await list({ p: pageId, l: '404' }))).toBe('No Matching Label Found');
    expect(code(await list({ p: pageId, n: 101 }))).toBe('BAD_USER_INPUT');
    expect(code(await list({ p: pageId, a: 'not a cursor' }))).toBe('BAD_USER_INPUT');
    expect(message(await as(other, 'query($p: ID!) { subscribers(pageId: $p) { nodes { psid } } }', { p: pageGid(pageId) }))).toBe('No Enabled Bot Found');
  });

  test('statements for subscribers with their labels stay the same for 3 and 30 subscribers', async () => {
    const page = await botPage(gw, owner);
    ok(
      await importRows(
        gw,
        owner,
        page,
        Array.from({ length: 30 }, (_, i) => ({ psid: String(500 + i) })),
      ),
    );
    const [a, b] = [await createLabel(gw, owner, page, 'Count A'), await createLabel(gw, owner, page, 'Count B')];
    for (let i = 0; i < 30; i++) ok(await assign(gw, owner, page, String(500 + i), i % 2 ? [a.labelId, b.labelId] : [a.labelId]));
    const statements = async (limit: number) => {
      const before = gw.queries.length;
      const query =
        'query($p: ID!, $n: Int!) { subscribers(pageId: $p, first: $n) { nodes { psid labels { labelId name subscribers(first: 2) { totalCount nodes { psid } } } page { id: databaseId } } } }';
      const nodes = ok(await as(owner, query, { p: pageGid(page), n: limit })).subscribers.nodes;
      expect(nodes).toHaveLength(limit);
      expect(nodes[1].labels.map((l: { name: string }) => l.name)).toEqual(['Count A', 'Count B']);
      expect(nodes[0].labels[0].subscribers).toEqual({ totalCount: 30, nodes: [{ psid: '500' }, { psid: '501' }] });
      return gw.queries.length - before;
    };
    const few = await statements(3);
    expect(await statements(30)).toBe(few);
  });
});

describe('labels', () => {
  test('labels, createLabel, assignLabels and removeLabel; Label.subscribers lists who has the label', async () => {
    const page = await botPage(gw, owner);
    ok(await importRows(gw, owner, page, [{ psid: '21' }, { psid: '22' }]));
    const vip = await createLabel(gw, owner, page, '  VIP  ');
    expect(vip.labelId).toMatch(/^\d{16}$/);
    const news = await createLabel(gw, owner, page, 'News');
    expect(ok(await as(owner, 'query($p: ID!) { labels(pageId: $p) { labelId name pageId: pageDatabaseId } }', { p: pageGid(page) })).labels).toEqual([
      { labelId: vip.labelId, name: 'VIP', pageId: page },
      { labelId: news.labelId, name: 'News', pageId: page },
    ]);
    expect(ok(await assign(gw, owner, page, '21', [vip.labelId, news.labelId, vip.labelId])).assignLabels).toEqual({ psid: '21' });
    ok(await assign(gw, owner, page, '22', [vip.labelId]));
    ok(await assign(gw, owner, page, '21', [news.labelId]));
    const read = async () =>
      ok(await as(owner, 'query($p: ID!) { labels(pageId: $p) { name subscribers { nodes { psid labels { name } } } } }', { p: pageGid(page) })).labels.map((l: any) => ({
        ...l,
        subscribers: l.subscribers.nodes,
      }));
    expect(await read()).toEqual([
      {
        name: 'VIP',
        subscribers: [
          { psid: '21', labels: [{ name: 'VIP' }, { name: 'News' }] },
          { psid: '22', labels: [{ name: 'VIP' }] },
        ],
      },
      { name: 'News', subscribers: [{ psid: '21', labels: [{ name: 'VIP' }, { name: 'News' }] }] },
    ]);
    const remove = (psid: string, labelId: string) =>
      as(owner, 'mutation($p: ID!, $s: String!, $l: String!) { removeLabel(input: { pageId: $p, psid: $s, labelId: $l }) { psid labels { name } } }', { p: pageGid(page), s: psid, l: labelId });
    expect(ok(await remove('21', vip.labelId)).removeLabel).toEqual({ psid: '21', labels: [{ name: 'News' }] });
    expect(ok(await remove('21', vip.labelId)).removeLabel).toEqual({ psid: '21', labels: [{ name: 'News' }] });
    expect(message(await remove('99', vip.labelId))).toBe('(#100) The user ID is not valid.');
    expect(code(await remove('21', '404'))).toBe('BAD_USER_INPUT');
  });

  test("another member's page, a page without a bot, a taken or blank name changes nothing", async () => {
    const before = [await gw.count('labels'), await gw.count('subscriber_labels')];
    const make = (who: Marketer, p: number, n: string) => as(who, 'mutation($p: ID!, $n: String!) { createLabel(input: { pageId: $p, name: $n }) { id: databaseId } }', { p: pageGid(p), n });
    expect(message(await make(other, pageId, 'Theirs'))).toBe('No Enabled Bot Found');
    expect(message(await make(owner, quietPageId, 'Quiet'))).toBe('No Enabled Bot Found');
    expect(code(await make(owner, pageId, 'Filter'))).toBe('CONFLICT');
    expect(code(await make(owner, pageId, ' '))).toBe('BAD_USER_INPUT');
    expect(message(await as(other, 'query($p: ID!) { labels(pageId: $p) { id: databaseId } }', { p: pageGid(pageId) }))).toBe('No Enabled Bot Found');
    const [label] = ok(await as(owner, 'query($p: ID!) { labels(pageId: $p) { labelId } }', { p: pageGid(pageId) })).labels;
    expect(message(await assign(gw, other, pageId, '11', [label.labelId]))).toBe('No Enabled Bot Found');
    expect(message(await assign(gw, owner, pageId, '404', [label.labelId]))).toBe('(#100) The user ID is not valid.');
    expect(code(await assign(gw, owner, pageId, '11', []))).toBe('BAD_USER_INPUT');
    expect([await gw.count('labels'), await gw.count('subscriber_labels')]).toEqual(before);
  });
});

describe('flow campaigns', () => {
  test('createFlowCampaign, recordFlowAnswers, flowCampaign with questions and answers, each with its subscriber', async () => {
    const campaign = await flowCampaign(gw, owner, pageId, 'Survey', ['First?', 'Second?']);
    const [q1, q2] = campaign.questionIds;
    ok(
      await answer(gw, owner, campaign.id, '11', [
        { questionId: q1, answer: 'one' },
        { questionId: q2, answer: 'two' },
      ]),
    );
    ok(await answer(gw, owner, campaign.id, '12', [{ questionId: q2, answer: 'only' }]));
    ok(await answer(gw, owner, campaign.id, '11', [{ questionId: q2, answer: ' changed ' }]));
    const read = (psid: string | null) =>
      as(owner, 'query($id: ID!, $s: String) { flowCampaign(id: $id) { name pageId: pageDatabaseId questions { position question answers(psid: $s) { answer subscriber { psid } } } } }', {
        id: F(campaign.id),
        s: psid,
      });
    expect(ok(await read(null)).flowCampaign).toEqual({
      name: 'Survey',
      pageId,
      questions: [
        { position: 1, question: 'First?', answers: [{ answer: 'one', subscriber: { psid: '11' } }] },
        {
          position: 2,
          question: 'Second?',
          answers: [
            { answer: 'changed', subscriber: { psid: '11' } },
            { answer: 'only', subscriber: { psid: '12' } },
          ],
        },
      ],
    });
    expect(ok(await read('12')).flowCampaign.questions.map((q: any) => q.answers)).toEqual([[], [{ answer: 'only', subscriber: { psid: '12' } }]]);
    expect(ok(await as(owner, 'query($p: ID) { flowCampaigns(pageId: $p) { id: databaseId name } }', { p: pageGid(pageId) })).flowCampaigns).toContainEqual({ id: campaign.id, name: 'Survey' });
    expect(ok(await as(other, '{ flowCampaigns { id: databaseId } }')).flowCampaigns).toEqual([]);
    expect(ok(await as(other, 'query($id: ID!) { flowCampaign(id: $id) { id: databaseId } }', { id: F(campaign.id) })).flowCampaign).toBeNull();
  });

  test('bad campaigns and answers change nothing', async () => {
    const before = [await gw.count('flow_campaigns'), await gw.count('flow_questions'), await gw.count('flow_answers')];
    const make = (who: Marketer, p: number, n: string, q: string[]) =>
      as(who, 'mutation($n: String!, $p: ID!, $q: [String!]!) { createFlowCampaign(input: { name: $n, pageId: $p, questions: $q }) { id: databaseId } }', { n, p: pageGid(p), q });
    expect(message(await make(other, pageId, 'Theirs', ['Q?']))).toBe('No Enabled Bot Found');
    expect(message(await make(owner, quietPageId, 'Quiet', ['Q?']))).toBe('No Enabled Bot Found');
    expect(code(await make(owner, pageId, 'No questions', []))).toBe('BAD_USER_INPUT');
    expect(code(await make(owner, pageId, 'Blank question', ['Q?', ' ']))).toBe('BAD_USER_INPUT');
    expect(code(await make(owner, pageId, ' ', ['Q?']))).toBe('BAD_USER_INPUT');
    expect(
      code(
        await make(
          owner,
          pageId,
          'Too many',
          Array.from({ length: 51 }, (_, i) => `Q${i}?`),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const after = [await gw.count('flow_campaigns'), await gw.count('flow_questions'), await gw.count('flow_answers')];
    expect(after).toEqual(before);

    const campaign = await flowCampaign(gw, owner, pageId, 'Strict', ['Only?']);
    const foreign = await flowCampaign(gw, owner, pageId, 'Other', ['Elsewhere?']);
    const [q] = campaign.questionIds;
    const answers = await gw.count('flow_answers');
    expect(message(await answer(gw, other, campaign.id, '11', [{ questionId: q, answer: 'x' }]))).toBe('The flow campaign ID does not exist');
    expect(message(await answer(gw, owner, campaign.id, '404', [{ questionId: q, answer: 'x' }]))).toBe('(#100) The user ID is not valid.');
    expect(code(await answer(gw, owner, campaign.id, '11', [{ questionId: foreign.questionIds[0], answer: 'x' }]))).toBe('BAD_USER_INPUT');
    expect(
      code(
        await answer(gw, owner, campaign.id, '11', [
          { questionId: q, answer: 'a' },
          { questionId: q, answer: 'b' },
        ]),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(await answer(gw, owner, campaign.id, '11', [{ questionId: q, answer: '' }]))).toBe('BAD_USER_INPUT');
    expect(code(await answer(gw, owner, campaign.id, '11', []))).toBe('BAD_USER_INPUT');
    expect(await gw.count('flow_answers')).toBe(answers);
  });
});

test('subscriber.created, subscriber.labeled and flow.answered are published after commit; a failed change publishes nothing', async () => {
  const actor = await marketer(gw, 'gevt');
  const recording = await recordEvents(gw, (event) => event.actorId === actor.id && !event.name.startsWith('page.'));
  const page = await botPage(gw, actor);
  ok(await importRows(gw, actor, page, [{ psid: '31' }, { psid: '32' }]));
  const [s31, s32] = await gw.app.database.db.selectFrom('subscribers').select('id').where('page_id', '=', page).orderBy('id').execute();
  const label = await createLabel(gw, actor, page, 'Evented');
  ok(await assign(gw, actor, page, '31', [label.labelId]));
  ok(await assign(gw, actor, page, '31', [label.labelId]));
  expect(code(await assign(gw, actor, page, '31', [label.labelId, '404']))).toBe('BAD_USER_INPUT');
  const campaign = await flowCampaign(gw, actor, page, 'Evented flow', ['Q?']);
  ok(await answer(gw, actor, campaign.id, '32', [{ questionId: campaign.questionIds[0], answer: 'yes' }]));
  ok(await importRows(gw, actor, page, [{ psid: '31', firstName: 'Again' }]));
  const events = (await recording.stop(6)).map((event) => [event.name, event.entities]);
  expect(events).toEqual([
    ['subscriber.created', { subscriber: [s31.id, s32.id], page: [page] }],
    ['label.created', { label: [label.id], page: [page] }],
    ['subscriber.labeled', { subscriber: [s31.id], label: [label.id], page: [page] }],
    ['flow.created', { flow: [campaign.id], page: [page] }],
    ['flow.answered', { flow: [campaign.id], subscriber: [s32.id], question: campaign.questionIds }],
    ['subscriber.updated', { subscriber: [s31.id], page: [page] }],
  ]);
});

test('seedAudience does nothing while any subscriber exists; then enables the bot on gateway_news and adds subscribers with labels and two answered flow campaigns, once', async () => {
  const seeder = await gw.member('seed_owner');
  const page = ok(await gw.gql('mutation { createPage(input: { name: "gateway_news", title: "Gateway News" }) { id: databaseId botEnabled } }', {}, seeder.token)).createPage;
  expect(page.botEnabled).toBe(false);
  const services = gw.app.gateway.services;
  const context = (userId: number, roleId: number) => createContext(services, { viewer: viewerOf({ user_id: userId, role_id: roleId }, 'api_key', {}), requestId: 'seed', ip: null });
  const db = gw.app.database.db;
  const seed = (steps: string[]) => seedAudience(services, context(seeder.id, 4), (step) => steps.push(step));
  const steps: string[] = [];
  await seed(steps);
  expect(steps).toEqual([]);
  expect(ok(await gw.gql(`{ page(id: "${toGlobalId('Page', page.id)}") { botEnabled } }`)).page.botEnabled).toBe(false);
  await db.deleteFrom('subscribers').execute();
  await seed(steps);
  expect(steps).toEqual(['audience']);
  expect(ok(await gw.gql(`{ page(id: "${toGlobalId('Page', page.id)}") { botEnabled } }`)).page.botEnabled).toBe(true);
  const p = JSON.stringify(pageGid(page.id));
  const query = `{ subscribers(pageId: ${p}, first: 100) { nodes { psid labels { name } } } labels(pageId: ${p}) { name } flowCampaigns(pageId: ${p}) { name questions { answers { subscriber { psid } } } } }`;
  const result = ok(await gw.gql(query, {}, seeder.token));
  const data = { ...result, subscribers: result.subscribers.nodes };
  expect(data.subscribers.length).toBeGreaterThanOrEqual(5);
  expect(data.subscribers.filter((s: any) => s.labels.length > 0).length).toBeGreaterThanOrEqual(3);
  expect(data.labels.length).toBeGreaterThanOrEqual(2);
  expect(data.flowCampaigns).toHaveLength(2);
  for (const campaign of data.flowCampaigns) {
    expect(campaign.questions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(campaign.questions.flatMap((q: any) => q.answers.map((a: any) => a.subscriber.psid))).size).toBeGreaterThanOrEqual(2);
  }
  const counts = async () => Promise.all(['subscribers', 'labels', 'subscriber_labels', 'flow_campaigns', 'flow_answers'].map((t) => gw.count(t)));
  const once = await counts();
  await seed(steps);
  expect(await counts()).toEqual(once);
  expect(steps).toEqual(['audience']);
});
