import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, ok } from '../support/graphql';
import { answer, assign, botPage, createLabel, flowCampaign, importRows, type Marketer, marketer, pageGid } from './audience.fixtures';

/** The GraphQL contract of the marketing domain: node/nodes, connections, global id arguments, the lists' bounds. */

let gw: TestGateway;
let owner: Marketer;
let other: Marketer;
let admin: Member;
beforeAll(async () => {
  gw = await startTestGateway();
  [owner, other] = [await marketer(gw, 'ctr'), await marketer(gw, 'ctro')];
  const login = ok(await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token user { id: databaseId } } }`)).login;
  admin = { id: login.user.id, token: login.token };
});
afterAll(() => gw.close());

const db = () => gw.app.database.db;
const field = (res: { body: any }) => res.body.errors?.[0]?.extensions?.field;

const createGroup = async (who: Member, name: string): Promise<number> =>
  ok(await gw.gql('mutation($n: String!) { createContactGroup(name: $n) { id: databaseId } }', { n: name }, who.token)).createContactGroup.id;
const createContact = async (who: Member, groupId: number, email: string): Promise<number> =>
  ok(await gw.gql('mutation($i: CreateContactInput!) { createContact(input: $i) { id: databaseId } }', { i: { groupId: toGlobalId('ContactGroup', groupId), email } }, who.token)).createContact.id;
const createPackage = async (name: string): Promise<number> =>
  ok(await gw.gql('mutation($i: CreatePackageInput!) { createPackage(input: $i) { id: databaseId } }', { i: { name } }, admin.token)).createPackage.id;

/** One of each marketing Node type owned by `who` (on a bot page of theirs), as [type, number] pairs. */
async function everything(who: Marketer, prefix: string): Promise<[string, number][]> {
  const group = await createGroup(who, `${prefix} group`);
  const contact = await createContact(who, group, `${prefix}@example.com`);
  const page = await botPage(gw, who);
  ok(await importRows(gw, who, page, [{ psid: '701' }]));
  const label = await createLabel(gw, who, page, `${prefix} label`);
  ok(await assign(gw, who, page, '701', [label.labelId]));
  const campaign = await flowCampaign(gw, who, page, `${prefix} flow`, ['Why?']);
  ok(await answer(gw, who, campaign.id, '701', [{ questionId: campaign.questionIds[0], answer: 'because' }]));
  const subscriber = await db().selectFrom('subscribers').select('id').where('page_id', '=', page).executeTakeFirstOrThrow();
  const flowAnswer = await db().selectFrom('flow_answers').select('id').where('question_id', '=', campaign.questionIds[0]).executeTakeFirstOrThrow();
  return [
    ['ContactGroup', group],
    ['Contact', contact],
    ['Subscriber', subscriber.id],
    ['Label', label.id],
    ['FlowCampaign', campaign.id],
    ['FlowQuestion', campaign.questionIds[0]],
    ['FlowAnswer', flowAnswer.id],
  ];
}

const NODES =
  'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Contact { databaseId } ... on ContactGroup { databaseId } ... on Package { databaseId } ' +
  '... on Subscriber { databaseId } ... on Label { databaseId } ... on FlowCampaign { databaseId } ... on FlowQuestion { databaseId } ... on FlowAnswer { databaseId } } }';

describe('node and nodes', () => {
  test("fetch every marketing type for its owner, null for another member's and a deleted package, in a constant number of statements", async () => {
    const mine = await everything(owner, 'mine');
    const theirs = await everything(other, 'theirs');
    const livePackage = await createPackage('Contract live');
    const deletedPackage = await createPackage('Contract deleted');
    ok(await gw.gql('mutation($id: ID!) { deletePackage(packageId: $id) }', { id: toGlobalId('Package', deletedPackage) }, admin.token));
    const own: [string, number][] = [...mine, ['Package', livePackage]];
    const hidden: [string, number][] = [...theirs, ['Package', deletedPackage]];

    const fetch = async (pairs: [string, number][]) => {
      const start = gw.queries.length;
      const nodes = ok(await gw.gql(NODES, { ids: pairs.map(([type, id]) => toGlobalId(type, id)) }, owner.token)).nodes;
      return { nodes, statements: gw.queries.length - start };
    };
    const both = await fetch([...own, ...hidden]);
    expect(both.nodes).toEqual([...own.map(([type, id]) => ({ __typename: type, id: toGlobalId(type, id), databaseId: id })), ...hidden.map(() => null)]);
    // Each type once in the batch whatever the number of ids: as many statements for 1 id of each type as for 2.
    const ownOnly = await fetch(own);
    expect(ownOnly.nodes.every((node: unknown) => node !== null)).toBe(true);
    expect(both.statements).toBe(ownOnly.statements);
    expect(both.statements).toBeLessThanOrEqual(14);

    // node(id:) answers the same; the other member sees their own and not ours.
    const [type, id] = own[1];
    expect(ok(await gw.gql('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId(type, id) }, owner.token)).node).toEqual({ id: toGlobalId(type, id) });
    expect(ok(await gw.gql('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId(type, id) }, other.token)).node).toBeNull();
    const theirNodes = ok(await gw.gql(NODES, { ids: theirs.map(([t, n]) => toGlobalId(t, n)) }, other.token)).nodes;
    expect(theirNodes.map((node: { __typename: string } | null) => node?.__typename)).toEqual(theirs.map(([t]) => t));
    // Nobody signed in sees none of them.
    expect(ok(await gw.gql(NODES, { ids: own.map(([t, n]) => toGlobalId(t, n)) })).nodes).toEqual(own.map(() => null));
  });

  test("related objects are objects: an answer's question, its campaign, the campaign's and a label's page", async () => {
    const page = await botPage(gw, owner);
    ok(await importRows(gw, owner, page, [{ psid: '851' }]));
    const label = await createLabel(gw, owner, page, 'Related');
    const campaign = await flowCampaign(gw, owner, page, 'Related flow', ['Where?']);
    ok(await answer(gw, owner, campaign.id, '851', [{ questionId: campaign.questionIds[0], answer: 'here' }]));
    const flowAnswer = await db().selectFrom('flow_answers').select('id').where('question_id', '=', campaign.questionIds[0]).executeTakeFirstOrThrow();
    const query =
      'query($a: ID!, $l: ID!) { a: node(id: $a) { ... on FlowAnswer { question { question campaign { name page { id: databaseId } } } } } l: node(id: $l) { ... on Label { page { id: databaseId } } } }';
    expect(ok(await gw.gql(query, { a: toGlobalId('FlowAnswer', flowAnswer.id), l: toGlobalId('Label', label.id) }, owner.token))).toEqual({
      a: { question: { question: 'Where?', campaign: { name: 'Related flow', page: { id: page } } } },
      l: { page: { id: page } },
    });
  });

  test('a deleted contact group and its contacts are null', async () => {
    const group = await createGroup(owner, 'Gone');
    const contact = await createContact(owner, group, 'gone@example.com');
    ok(await gw.gql('mutation($id: ID!) { deleteContactGroup(contactGroupId: $id) }', { id: toGlobalId('ContactGroup', group) }, owner.token));
    const ids = [toGlobalId('ContactGroup', group), toGlobalId('Contact', contact)];
    expect(ok(await gw.gql(NODES, { ids }, owner.token)).nodes).toEqual([null, null]);
  });

  test('a page whose bot is turned off hides its subscribers and labels', async () => {
    const page = await botPage(gw, owner);
    ok(await importRows(gw, owner, page, [{ psid: '801' }]));
    const label = await createLabel(gw, owner, page, 'Quiet later');
    const subscriber = await db().selectFrom('subscribers').select('id').where('page_id', '=', page).executeTakeFirstOrThrow();
    const ids = [toGlobalId('Subscriber', subscriber.id), toGlobalId('Label', label.id)];
    expect(ok(await gw.gql(NODES, { ids }, owner.token)).nodes.map((n: any) => n?.__typename)).toEqual(['Subscriber', 'Label']);
    await db().updateTable('pages').set({ bot_enabled: 0 }).where('id', '=', page).execute();
    expect(ok(await gw.gql(NODES, { ids }, owner.token)).nodes).toEqual([null, null]);
  });
});

/** Pages a connection forward then backward, two at a time, adding a row after each page; no row repeats or is skipped. */
async function pageBothWays(
  read: (args: Record<string, unknown>) => Promise<{ nodes: { id: number }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string } }>,
  add: () => Promise<number>,
  existing: number[],
) {
  const seen: number[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await read({ first: 2, after });
    seen.push(...page.nodes.map((n) => n.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    existing.push(await add());
  }
  expect(seen).toEqual(existing);
  expect(new Set(seen).size).toBe(seen.length);

  const back: number[] = [];
  let before: string | null = null;
  for (;;) {
    const page = await read({ last: 2, before });
    back.unshift(...page.nodes.map((n) => n.id));
    if (!page.pageInfo.hasPreviousPage) break;
    before = page.pageInfo.startCursor;
    await add(); // after the end: a backward walk never meets it
  }
  expect(back).toEqual(existing);
}

const PAGE = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

describe('connections', () => {
  test('contacts and ContactGroup.contacts page both ways with contacts added between pages', async () => {
    const me = await marketer(gw, 'ctrpage');
    const group = await createGroup(me, 'Paged');
    let n = 0;
    const add = () => createContact(me, group, `p${++n}@example.com`);
    const existing = [await add(), await add(), await add()];
    const contacts = async (args: Record<string, unknown>) =>
      ok(
        await gw.gql(
          `query($f: Int, $a: String, $l: Int, $b: String) { contacts(first: $f, after: $a, last: $l, before: $b) { nodes { id: databaseId } ${PAGE} } }`,
          { f: args.first, a: args.after, l: args.last, b: args.before },
          me.token,
        ),
      ).contacts;
    await pageBothWays(contacts, add, existing);

    const inGroup = async (args: Record<string, unknown>) =>
      ok(
        await gw.gql(
          `query($g: ID!, $f: Int, $a: String, $l: Int, $b: String) { contactGroup(id: $g) { contacts(first: $f, after: $a, last: $l, before: $b) { totalCount nodes { id: databaseId } ${PAGE} } } }`,
          { g: toGlobalId('ContactGroup', group), f: args.first, a: args.after, l: args.last, b: args.before },
          me.token,
        ),
      ).contactGroup.contacts;
    const all = (await db().selectFrom('contacts').select('id').where('contact_group_id', '=', group).orderBy('id').execute()).map((r) => r.id);
    await pageBothWays(inGroup, add, all);
    expect((await inGroup({ first: 1 })).totalCount).toBe(n);
  });

  test('contactGroups pages both ways with groups added between pages, with totalCount', async () => {
    const me = await marketer(gw, 'ctrgroups');
    let n = 0;
    const add = () => createGroup(me, `G${++n}`);
    const existing = [await add(), await add(), await add()];
    const groups = async (args: Record<string, unknown>) =>
      ok(
        await gw.gql(
          `query($f: Int, $a: String, $l: Int, $b: String) { contactGroups(first: $f, after: $a, last: $l, before: $b) { totalCount nodes { id: databaseId } ${PAGE} } }`,
          { f: args.first, a: args.after, l: args.last, b: args.before },
          me.token,
        ),
      ).contactGroups;
    await pageBothWays(groups, add, existing);
    expect((await groups({ first: 1 })).totalCount).toBe(n);
  });

  test('subscribers and Label.subscribers page both ways with subscribers added between pages', async () => {
    const me = await marketer(gw, 'ctrsubs');
    const page = await botPage(gw, me);
    const label = await createLabel(gw, me, page, 'Everyone');
    let psid = 900;
    const add = async () => {
      const id = String(++psid);
      ok(await importRows(gw, me, page, [{ psid: id }]));
      ok(await assign(gw, me, page, id, [label.labelId]));
      return (await db().selectFrom('subscribers').select('id').where('page_id', '=', page).where('psid', '=', id).executeTakeFirstOrThrow()).id;
    };
    const existing = [await add(), await add(), await add()];
    const subscribers = async (args: Record<string, unknown>) =>
      ok(
        await gw.gql(
          `query($p: ID!, $f: Int, $a: String, $l: Int, $b: String) { subscribers(pageId: $p, first: $f, after: $a, last: $l, before: $b) { nodes { id: databaseId } ${PAGE} } }`,
          { p: pageGid(page), f: args.first, a: args.after, l: args.last, b: args.before },
          me.token,
        ),
      ).subscribers;
    await pageBothWays(subscribers, add, existing);

    const labelled = async (args: Record<string, unknown>) =>
      ok(
        await gw.gql(
          `query($p: ID!, $f: Int, $a: String, $l: Int, $b: String) { labels(pageId: $p) { subscribers(first: $f, after: $a, last: $l, before: $b) { totalCount nodes { id: databaseId } ${PAGE} } } }`,
          { p: pageGid(page), f: args.first, a: args.after, l: args.last, b: args.before },
          me.token,
        ),
      ).labels[0].subscribers;
    const all = (await db().selectFrom('subscribers').select('id').where('page_id', '=', page).orderBy('id').execute()).map((r) => r.id);
    await pageBothWays(labelled, add, all);
    expect((await labelled({ first: 1 })).totalCount).toBe(psid - 900);
  });

  test('a cursor that is not one, first past 100, and first with last are refused', async () => {
    const bad = async (args: string) => {
      const res = await gw.gql(`{ contacts(${args}) { nodes { id } } }`, {}, owner.token);
      return [code(res), field(res)];
    };
    expect(await bad('after: "nope"')).toEqual(['BAD_USER_INPUT', 'after']);
    expect(await bad('first: 101')).toEqual(['BAD_USER_INPUT', 'first']);
    expect(await bad('first: 1, last: 1')).toEqual(['BAD_USER_INPUT', 'last']);
  });
});

describe('global id arguments', () => {
  test("garbage, another type's id or an old number is BAD_USER_INPUT naming the argument, and writes nothing", async () => {
    const group = await createGroup(owner, 'Ids');
    const contact = await createContact(owner, group, 'ids@example.com');
    const page = await botPage(gw, owner);
    const campaign = await flowCampaign(gw, owner, page, 'Ids flow', ['Q?']);
    const before = await Promise.all(['contacts', 'contact_groups', 'labels', 'flow_answers', 'subscribers'].map((t) => gw.count(t)));
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($id: ID!) { contact(id: $id) { id } }', { id: 'garbage' }, 'id'],
      ['query($id: ID!) { contact(id: $id) { id } }', { id: toGlobalId('ContactGroup', group) }, 'id'],
      ['{ contact(id: 5) { id } }', {}, 'id'],
      ['query($id: ID!) { contactGroup(id: $id) { id } }', { id: toGlobalId('Contact', contact) }, 'id'],
      ['query($id: ID!) { flowCampaign(id: $id) { id } }', { id: String(campaign.id) }, 'id'],
      ['query($p: ID!) { labels(pageId: $p) { id } }', { p: toGlobalId('User', owner.id) }, 'pageId'],
      ['query($p: ID!) { subscribers(pageId: $p) { nodes { id } } }', { p: String(page) }, 'pageId'],
      ['query($p: ID) { subscriber(psid: "1", pageId: $p) { id } }', { p: 'x' }, 'pageId'],
      ['mutation($g: ID!) { createContact(input: { groupId: $g, email: "new@example.com" }) { id } }', { g: toGlobalId('Contact', contact) }, 'groupId'],
      ['mutation($c: ID!) { updateContact(input: { contactId: $c, firstName: "X" }) { id } }', { c: toGlobalId('ContactGroup', group) }, 'contactId'],
      ['mutation($c: ID!) { deleteContact(contactId: $c) }', { c: 'Q29udGFjdDox=' }, 'contactId'],
      ['mutation($g: ID!) { deleteContactGroup(contactGroupId: $g) }', { g: toGlobalId('Contact', contact) }, 'contactGroupId'],
      ['mutation($g: ID!) { importContacts(input: { groupId: $g, rows: [{ email: "i@example.com" }] }) { created } }', { g: String(group) }, 'groupId'],
      ['mutation($p: ID!) { createLabel(input: { pageId: $p, name: "Wrong" }) { id } }', { p: toGlobalId('Label', 1) }, 'pageId'],
      ['mutation($p: ID!) { importSubscribers(input: { pageId: $p, rows: [{ psid: "5" }] }) { created } }', { p: toGlobalId('Group', page) }, 'pageId'],
      [
        'mutation($c: ID!, $q: ID!) { recordFlowAnswers(input: { campaignId: $c, psid: "1", answers: [{ questionId: $q, answer: "a" }] }) { id } }',
        { c: toGlobalId('FlowCampaign', campaign.id), q: toGlobalId('FlowCampaign', campaign.questionIds[0]) },
        'answers.0.questionId',
      ],
      ['mutation($p: ID!) { deletePackage(packageId: $p) }', { p: toGlobalId('Contact', 1) }, 'packageId'],
    ];
    for (const [query, variables, name] of cases) {
      const res = await gw.gql(query, variables, name === 'packageId' ? admin.token : owner.token);
      expect([query, code(res), field(res)]).toEqual([query, 'BAD_USER_INPUT', name]);
    }
    expect(await Promise.all(['contacts', 'contact_groups', 'labels', 'flow_answers', 'subscribers'].map((t) => gw.count(t)))).toEqual(before);
  });

  test("the mutations answer global ids: deletes give the deleted id, importContacts the contacts' ids", async () => {
    const group = await createGroup(owner, 'Answers');
    const gid = toGlobalId('ContactGroup', group);
    const imported = ok(
      await gw.gql('mutation($g: ID!) { importContacts(input: { groupId: $g, rows: [{ email: "ans1@example.com" }, { email: "ans2@example.com" }] }) { createdIds } }', { g: gid }, owner.token),
    ).importContacts;
    const rows = await db().selectFrom('contacts').select('id').where('contact_group_id', '=', group).orderBy('id').execute();
    expect(imported.createdIds).toEqual(rows.map((r) => toGlobalId('Contact', r.id)));
    expect(ok(await gw.gql('mutation($c: ID!) { deleteContact(contactId: $c) }', { c: imported.createdIds[0] }, owner.token)).deleteContact).toBe(imported.createdIds[0]);
    expect(ok(await gw.gql('mutation($g: ID!) { deleteContactGroup(contactGroupId: $g) }', { g: gid }, owner.token)).deleteContactGroup).toBe(gid);
  });
});

describe('bounded lists', () => {
  test('a page has at most 1000 labels and a member at most 500 flow campaigns: one more is CONFLICT and writes nothing', async () => {
    const me = await marketer(gw, 'ctrbound');
    const page = await botPage(gw, me);
    const now = new Date().toISOString();
    await db()
      .insertInto('labels')
      .values(Array.from({ length: 1000 }, (_, i) => ({ page_id: page, label_id: String(5_000_000_000_000_000 + i), label_name: `L${i}`, created_at: now })))
      .execute();
    const labels = await gw.count('labels');
    expect(code(await gw.gql('mutation($p: ID!) { createLabel(input: { pageId: $p, name: "One more" }) { id } }', { p: pageGid(page) }, me.token))).toBe('CONFLICT');
    expect(await gw.count('labels')).toBe(labels);
    expect(ok(await gw.gql('query($p: ID!) { labels(pageId: $p) { id } }', { p: pageGid(page) }, me.token)).labels).toHaveLength(1000);

    await db()
      .insertInto('flow_campaigns')
      .values(Array.from({ length: 500 }, (_, i) => ({ user_id: me.id, page_id: page, flow_name: `F${i}`, created_at: now })))
      .execute();
    const campaigns = await gw.count('flow_campaigns');
    const make = await gw.gql('mutation($p: ID!) { createFlowCampaign(input: { name: "One more", pageId: $p, questions: ["Q?"] }) { id } }', { p: pageGid(page) }, me.token);
    expect(code(make)).toBe('CONFLICT');
    expect(await gw.count('flow_campaigns')).toBe(campaigns);
    expect(ok(await gw.gql('{ flowCampaigns { id } }', {}, me.token)).flowCampaigns).toHaveLength(500);
  });
});
