import { filesUnder, SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { counts, expectError, social, socialMultipart } from '../support/social';

type Member = { id: number; token: string };
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

let serial = 0;
/** A fresh member with a unique name. */
const member = (prefix = 'pl') => gw.member(`${prefix}${++serial}`);
/** A fresh unique page or group handle. */
const handle = (prefix: string) => `${prefix}_${++serial}_x`;

/** Every table a page or group call could write. */
const TABLES = ['pages', 'page_likes', 'groups', 'group_members', 'media_files'];

const pageRow = (id: number) => gw.app.database.db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const groupRow = (id: number) => gw.app.database.db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const PAGE_KEYS = [
  'page_id',
  'user_id',
  'page_name',
  'page_title',
  'page_description',
  'page_category',
  'avatar',
  'cover',
  'url',
  'website',
  'phone',
  'address',
  'facebook',
  'twitter',
  'instagram',
  'instgram',
  'linkedin',
  'youtube',
  'vk',
  'google',
  'company',
  'call_action_type',
  'call_action_type_url',
  'verified',
  'boosted',
  'bot_enabled',
  'likes_count',
  'is_liked',
  'is_page_onwer',
  'registered',
  'name',
  'username',
  'about',
  'type',
];
const GROUP_KEYS = [
  'group_id',
  'user_id',
  'group_name',
  'group_title',
  'about',
  'category',
  'privacy',
  'join_privacy',
  'avatar',
  'cover',
  'url',
  'members_count',
  'is_joined',
  'join_requested',
  'is_owner',
  'registered',
  'name',
  'username',
  'type',
];

async function createPage(owner: Member, name = handle('page'), extra: Record<string, string> = {}) {
  const res = await social(gw, 'create-page', { page_name: name, page_title: `Title of ${name}`, page_category: 'Music', page_description: 'About it', ...extra }, owner.token);
  expect(res.body.api_status).toBe(200);
  return { id: Number(res.body.page_data.page_id), name, data: res.body.page_data };
}

async function createGroup(owner: Member, name = handle('group'), extra: Record<string, string> = {}) {
  const res = await social(gw, 'create-group', { group_name: name, group_title: `Group ${name}`, about: 'We meet', category: '3', ...extra }, owner.token);
  expect(res.body.api_status).toBe(200);
  return { id: Number(res.body.group_data.group_id), name, data: res.body.group_data };
}

const pageData = async (viewer: Member, id: number) => (await social(gw, 'get-page-data', { page_id: String(id) }, viewer.token)).body.page_data;
const groupData = async (viewer: Member, id: number) => (await social(gw, 'get-group-data', { group_id: String(id) }, viewer.token)).body.group_data;

describe('POST /api/create-page', () => {
  test('creates the page owned by the caller and answers page_data with the WoWonder keys', async () => {
    const owner = await member();
    const before = await counts(gw, TABLES);
    const res = await social(gw, 'create-page', { page_name: 'Jazz_Club', page_title: '  Jazz Club  ', page_category: 'Music', page_description: 'Live jazz' }, owner.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'page_data']);
    expect(res.body.api_status).toBe(200);
    const data = res.body.page_data;
    expect(Object.keys(data)).toEqual(PAGE_KEYS);
    expect(data).toMatchObject({
      page_id: expect.stringMatching(/^\d+$/),
      user_id: String(owner.id),
      page_name: 'Jazz_Club',
      page_title: 'Jazz Club',
      page_description: 'Live jazz',
      page_category: 'Music',
      avatar: '',
      url: `${gw.url}/Jazz_Club`,
      company: '',
      verified: '0',
      boosted: '0',
      bot_enabled: '0',
      likes_count: '0',
      is_liked: '0',
      is_page_onwer: '1',
      registered: expect.stringMatching(/^\d{10}$/),
      name: 'Jazz Club',
      username: 'Jazz_Club',
      type: 'page',
    });
    expect(await counts(gw, TABLES)).toEqual({ ...before, pages: before.pages + 1 });
    expect(await pageRow(Number(data.page_id))).toMatchObject({ owner_id: owner.id, page_name: 'Jazz_Club', page_name_key: 'jazz_club', like_count: 0 });
  });

  test('missing, short, badly formed or taken names and missing fields are errors that write nothing', async () => {
    const owner = await member();
    const taken = await createPage(owner);
    const before = await counts(gw, TABLES);
    const base = { page_name: handle('ok'), page_title: 'A title', page_category: 'Music', page_description: 'd' };
    const without = (key: keyof typeof base) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
    expectError(await social(gw, 'create-page', without('page_name'), owner.token), 3, /^page_name is required/);
    expectError(await social(gw, 'create-page', without('page_title'), owner.token), 3, /^page_title is required/);
    expectError(await social(gw, 'create-page', without('page_category'), owner.token), 3, /^page_category is required/);
    expectError(await social(gw, 'create-page', without('page_description'), owner.token), 3, /^page_description is required/);
    expectError(await social(gw, 'create-page', { ...base, page_title: '   ' }, owner.token), 3, /^page_title is required/);
    for (const bad of ['abcd', 'has space', 'dash-name', 'émile_page', 'x'.repeat(33)]) {
      expectError(await social(gw, 'create-page', { ...base, page_name: bad }, owner.token), 3, /^page_name must be 5 to 32 letters, digits or "_"/);
    }
    expectError(await social(gw, 'create-page', { ...base, page_name: taken.name.toUpperCase() }, owner.token), 6, /^page_name ".*" is already taken by another page/);
    expectError(await social(gw, 'create-page', base), 2);
    expect(await counts(gw, TABLES)).toEqual(before);
  });
});

describe('POST /api/update-page-data', () => {
  test('the owner changes named fields and any other page field; get-page-data shows them', async () => {
    const owner = await member();
    const page = await createPage(owner);
    const fresh = handle('renamed');
    const res = await social(
      gw,
      'update-page-data',
      {
        page_id: String(page.id),
        page_name: fresh,
        page_title: 'New title',
        page_description: 'New about',
        page_category: 'Jazz',
        website: 'https://jazz.example',
        phone: '+1 555 0100',
        address: 'Main St 1',
        company: 'Jazz Inc',
        instgram: 'jazzgram',
        call_action_type: '2',
        bot_enabled: '1',
        not_a_field: 'ignored',
      },
      owner.token,
    );
    expect(res.body).toEqual({ api_status: 200, message: 'Your page was updated' });
    expect(await pageData(owner, page.id)).toMatchObject({
      page_name: fresh,
      page_title: 'New title',
      page_description: 'New about',
      page_category: 'Jazz',
      website: 'https://jazz.example',
      phone: '+1 555 0100',
      address: 'Main St 1',
      company: 'Jazz Inc',
      instgram: 'jazzgram',
      instagram: '',
      call_action_type: '2',
      bot_enabled: '1',
      url: `${gw.url}/${fresh}`,
    });
    const row = await pageRow(page.id);
    expect([row.page_name_key, row.bot_enabled, JSON.parse(row.extra!)]).toEqual([fresh.toLowerCase(), 1, { company: 'Jazz Inc', instgram: 'jazzgram', call_action_type: '2' }]);
  });

  test('an uploaded avatar is stored and served back at its URL; a cover may be given as a URL', async () => {
    const owner = await member();
    const page = await createPage(owner);
    const before = await counts(gw, TABLES);
    const res = await socialMultipart(gw, 'update-page-data', { page_id: String(page.id), cover: 'https://cdn.example/cover.jpg' }, [['avatar', 'me.png', SAMPLES.png]], owner.token);
    expect(res.body).toEqual({ api_status: 200, message: 'Your page was updated' });
    const data = await pageData(owner, page.id);
    expect(data.avatar.replace(gw.url, '')).toMatch(/^\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}\.png$/);
    expect(data.cover).toBe('https://cdn.example/cover.jpg');
    expect(filesUnder(gw.uploadDir)).toContain(data.avatar.replace(`${gw.url}/uploads/`, ''));
    const served = await fetch(data.avatar);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(SAMPLES.png);
    expect(await counts(gw, TABLES)).toEqual({ ...before, media_files: before.media_files + 1 });
  });

  test('a disallowed or spoofed file, or a video, is an error and leaves no row, no change and no file', async () => {
    const owner = await member();
    const page = await createPage(owner);
    const [before, files, row] = [await counts(gw, TABLES), filesUnder(gw.uploadDir), await pageRow(page.id)];
    const id = String(page.id);
    expectError(await socialMultipart(gw, 'update-page-data', { page_id: id, page_title: 'Changed' }, [['avatar', 'tool.exe', SAMPLES.exe]], owner.token), 3, /^avatar type \.exe is not allowed/);
    expectError(await socialMultipart(gw, 'update-page-data', { page_id: id }, [['cover', 'fake.png', SAMPLES.html]], owner.token), 3, /^cover is not a valid/);
    expectError(
      await socialMultipart(
        gw,
        'update-page-data',
        { page_id: id },
        [
          ['avatar', 'ok.png', SAMPLES.png],
          ['cover', 'clip.mp4', SAMPLES.mp4],
        ],
        owner.token,
      ),
      3,
      /^cover must be an image/,
    );
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
    expect(await pageRow(page.id)).toEqual(row);
  });

  test('a non-owner, an unknown page, a taken name, bad values or no field is an error that changes nothing', async () => {
    const [owner, other] = [await member(), await member()];
    const page = await createPage(owner);
    const taken = await createPage(other);
    const [before, files, row] = [await counts(gw, TABLES), filesUnder(gw.uploadDir), await pageRow(page.id)];
    const id = String(page.id);
    expectError(await social(gw, 'update-page-data', { page_id: id, page_title: 'Hijacked' }, other.token), 5, /owner/);
    expectError(await socialMultipart(gw, 'update-page-data', { page_id: id }, [['avatar', 'me.png', SAMPLES.png]], other.token), 5, /owner/);
    expectError(await social(gw, 'update-page-data', { page_id: '999999', page_title: 'Nobody' }, owner.token), 4, /999999/);
    expectError(await social(gw, 'update-page-data', { page_id: id, page_name: taken.name.toLowerCase() }, owner.token), 6, /^page_name ".*" is already taken/);
    expectError(await social(gw, 'update-page-data', { page_id: id, page_name: 'bad name' }, owner.token), 3, /^page_name must be 5 to 32/);
    expectError(await social(gw, 'update-page-data', { page_id: id, bot_enabled: 'yes' }, owner.token), 3, /^bot_enabled must be one of 1, 0/);
    expectError(await social(gw, 'update-page-data', { page_id: id, avatar: 'not a url' }, owner.token), 3, /^avatar must be an http\(s\) URL/);
    expectError(await social(gw, 'update-page-data', { page_id: id }, owner.token), 3, /^Send at least one page field/);
    expectError(await social(gw, 'update-page-data', { page_title: 'x' }, owner.token), 3, /^page_id is required/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
    expect(await pageRow(page.id)).toEqual(row);
  });
});

describe('POST /api/get-page-data and /api/like-page', () => {
  test('like-page toggles, keeps likes_count right, and get-page-data shows is_liked for each viewer', async () => {
    const [owner, fan, other] = [await member(), await member(), await member()];
    const page = await createPage(owner);
    const like = (who: Member) => social(gw, 'like-page', { page_id: String(page.id) }, who.token);
    const likes = () => gw.count('page_likes');
    const before = await likes();

    expect((await like(fan)).body).toEqual({ api_status: 200, like_status: 'liked' });
    expect((await like(other)).body).toEqual({ api_status: 200, like_status: 'liked' });
    expect(await likes()).toBe(before + 2);
    expect((await pageRow(page.id)).like_count).toBe(2);
    const seen = await social(gw, 'get-page-data', { page_id: String(page.id) }, fan.token);
    expect(Object.keys(seen.body)).toEqual(['api_status', 'page_data']);
    expect(Object.keys(seen.body.page_data)).toEqual(PAGE_KEYS);
    expect(seen.body.page_data).toMatchObject({ page_id: String(page.id), user_id: String(owner.id), likes_count: '2', is_liked: '1', is_page_onwer: '0' });
    expect(await pageData(owner, page.id)).toMatchObject({ likes_count: '2', is_liked: '0', is_page_onwer: '1' });

    expect((await like(fan)).body).toEqual({ api_status: 200, like_status: 'unliked' });
    expect(await likes()).toBe(before + 1);
    expect((await pageRow(page.id)).like_count).toBe(1);
    expect(await pageData(fan, page.id)).toMatchObject({ likes_count: '1', is_liked: '0' });
    expect((await like(fan)).body).toEqual({ api_status: 200, like_status: 'liked' });
    expect((await pageRow(page.id)).like_count).toBe(2);
  });

  test('an unknown or missing page_id is an error and writes nothing', async () => {
    const fan = await member();
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'like-page', { page_id: '999999' }, fan.token), 4, /999999/);
    expectError(await social(gw, 'like-page', {}, fan.token), 3, /^page_id is required/);
    expectError(await social(gw, 'like-page', { page_id: 'abc' }, fan.token), 3, /^page_id must be an integer/);
    expectError(await social(gw, 'get-page-data', { page_id: '999999' }, fan.token), 4, /^Page not found/);
    expectError(await social(gw, 'get-page-data', {}, fan.token), 3, /^page_id is required/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });
});

describe('POST /api/create-group and /api/update-group-data', () => {
  test('creates the group with the caller as its first member and answers group_data', async () => {
    const owner = await member();
    const before = await counts(gw, TABLES);
    const name = handle('Runners');
    const res = await social(gw, 'create-group', { group_name: name, group_title: 'Runners', about: 'We run', category: '4', privacy: '0' }, owner.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'group_data']);
    expect(Object.keys(res.body.group_data)).toEqual(GROUP_KEYS);
    expect(res.body.group_data).toMatchObject({
      group_id: expect.stringMatching(/^\d+$/),
      user_id: String(owner.id),
      group_name: name,
      group_title: 'Runners',
      about: 'We run',
      category: '4',
      privacy: '0',
      join_privacy: '1',
      avatar: '',
      url: `${gw.url}/g/${name}`,
      members_count: '1',
      is_joined: '1',
      join_requested: '0',
      is_owner: '1',
      name: 'Runners',
      username: name,
      type: 'group',
    });
    expect(await counts(gw, TABLES)).toEqual({ ...before, groups: before.groups + 1, group_members: before.group_members + 1 });
  });

  test('missing, short or taken names, missing fields and bad privacy values are errors that write nothing', async () => {
    const owner = await member();
    const taken = await createGroup(owner);
    const before = await counts(gw, TABLES);
    const base = { group_name: handle('g'), group_title: 'T', about: 'a', category: '1' };
    const without = (key: keyof typeof base) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
    for (const key of Object.keys(base) as (keyof typeof base)[]) expectError(await social(gw, 'create-group', without(key), owner.token), 3, new RegExp(`^${key} is required`));
    expectError(await social(gw, 'create-group', { ...base, group_name: 'abc' }, owner.token), 3, /^group_name must be 5 to 32/);
    expectError(await social(gw, 'create-group', { ...base, group_name: taken.name.toUpperCase() }, owner.token), 6, /^group_name ".*" is already taken by another group/);
    for (const privacy of ['2', 'public', '-1']) expectError(await social(gw, 'create-group', { ...base, privacy }, owner.token), 3, /^privacy must be one of 1, 0/);
    expectError(await social(gw, 'create-group', { ...base, join_privacy: '0' }, owner.token), 3, /^join_privacy must be one of 1, 2/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });

  test('the owner updates fields, privacy and an uploaded cover; others and bad values change nothing', async () => {
    const [owner, other] = [await member(), await member()];
    const group = await createGroup(owner);
    const id = String(group.id);
    const res = await socialMultipart(
      gw,
      'update-group-data',
      { group_id: id, group_title: 'Renamed', about: 'New about', category: 'Sports', privacy: '0' },
      [['cover', 'c.gif', SAMPLES.gif]],
      owner.token,
    );
    expect(res.body).toEqual({ api_status: 200, message: 'Your group was updated' });
    const data = await groupData(owner, group.id);
    expect(data).toMatchObject({ group_title: 'Renamed', about: 'New about', category: 'Sports', privacy: '0', cover: expect.stringMatching(/^http:\/\/localhost:\d+\/uploads\/.+\.gif$/) });
    const cover = await fetch(data.cover);
    expect(cover.status).toBe(200);
    expect((await cover.arrayBuffer()).byteLength).toBeGreaterThan(0);

    const [before, files, row] = [await counts(gw, TABLES), filesUnder(gw.uploadDir), await groupRow(group.id)];
    expectError(await social(gw, 'update-group-data', { group_id: id, group_title: 'Mine now' }, other.token), 5, /owner/);
    expectError(await social(gw, 'update-group-data', { group_id: id, privacy: 'private' }, owner.token), 3, /^privacy must be one of 1, 0/);
    expectError(await social(gw, 'update-group-data', { group_id: id, group_name: 'no' }, owner.token), 3, /^group_name must be 5 to 32/);
    expectError(await social(gw, 'update-group-data', { group_id: '999999', about: 'x' }, owner.token), 4, /999999/);
    expectError(await social(gw, 'update-group-data', { group_id: id }, owner.token), 3, /^Send at least one group field/);
    expectError(await socialMultipart(gw, 'update-group-data', { group_id: id, about: 'x' }, [['avatar', 'a.exe', SAMPLES.exe]], owner.token), 3, /^avatar type \.exe is not allowed/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
    expect(await groupRow(group.id)).toEqual(row);
  });
});

describe('POST /api/get-group-data and /api/join-group', () => {
  test('join-group toggles, keeps members_count right, and get-group-data shows is_joined for each viewer', async () => {
    const [owner, runner] = [await member(), await member()];
    const group = await createGroup(owner);
    const join = (who: Member) => social(gw, 'join-group', { group_id: String(group.id) }, who.token);

    expect((await join(runner)).body).toEqual({ api_status: 200, join_status: 'joined' });
    expect((await groupRow(group.id)).member_count).toBe(2);
    const seen = await social(gw, 'get-group-data', { group_id: String(group.id) }, runner.token);
    expect(Object.keys(seen.body)).toEqual(['api_status', 'group_data']);
    expect(Object.keys(seen.body.group_data)).toEqual(GROUP_KEYS);
    expect(seen.body.group_data).toMatchObject({ members_count: '2', is_joined: '1', is_owner: '0' });

    expect((await join(runner)).body).toEqual({ api_status: 200, join_status: 'left' });
    expect((await groupRow(group.id)).member_count).toBe(1);
    expect(await groupData(runner, group.id)).toMatchObject({ members_count: '1', is_joined: '0', join_requested: '0' });
  });

  test('the owner cannot leave their own group', async () => {
    const owner = await member();
    const group = await createGroup(owner);
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'join-group', { group_id: String(group.id) }, owner.token), 3, /^The owner cannot leave their own group/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(await groupData(owner, group.id)).toMatchObject({ members_count: '1', is_joined: '1' });
  });

  test('a group that needs approval takes a request; opening it lets the request in', async () => {
    const [owner, asker] = [await member(), await member()];
    const group = await createGroup(owner, handle('closed'), { join_privacy: '2' });
    expect(group.data.join_privacy).toBe('2');
    const join = () => social(gw, 'join-group', { group_id: String(group.id) }, asker.token);
    expect((await join()).body).toEqual({ api_status: 200, join_status: 'requested' });
    expect(await groupData(asker, group.id)).toMatchObject({ members_count: '1', is_joined: '0', join_requested: '1' });
    expect((await join()).body).toEqual({ api_status: 200, join_status: 'left' });
    expect(await groupData(asker, group.id)).toMatchObject({ members_count: '1', join_requested: '0' });
    expect((await join()).body).toEqual({ api_status: 200, join_status: 'requested' });

    expect((await social(gw, 'update-group-data', { group_id: String(group.id), join_privacy: '1' }, owner.token)).body.api_status).toBe(200);
    expect(await groupData(asker, group.id)).toMatchObject({ join_privacy: '1', members_count: '2', is_joined: '1', join_requested: '0' });
  });

  test('an unknown or missing group_id is an error and writes nothing', async () => {
    const runner = await member();
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'join-group', { group_id: '999999' }, runner.token), 4, /999999/);
    expectError(await social(gw, 'join-group', {}, runner.token), 3, /^group_id is required/);
    expectError(await social(gw, 'get-group-data', { group_id: '999999' }, runner.token), 4, /^Group not found/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });
});

describe('POST /api/get-community', () => {
  test('answers exactly the fetched keys: the groups and pages the user owns', async () => {
    const [owner, viewer] = [await member(), await member()];
    const pages = [await createPage(owner), await createPage(owner)];
    const group = await createGroup(owner);
    await createPage(viewer);
    await social(gw, 'join-group', { group_id: String((await createGroup(viewer)).id) }, owner.token);
    const community = (fetch: string) => social(gw, 'get-community', { user_id: String(owner.id), fetch }, viewer.token);

    const both = await community('groups,pages');
    expect(Object.keys(both.body)).toEqual(['api_status', 'groups', 'pages']);
    expect(both.body.pages.map((p: any) => p.page_id)).toEqual([pages[1].id, pages[0].id].map(String));
    expect(both.body.groups.map((g: any) => g.group_id)).toEqual([String(group.id)]);
    expect(Object.keys(both.body.pages[0])).toEqual(PAGE_KEYS);
    expect(Object.keys(both.body.groups[0])).toEqual(GROUP_KEYS);
    expect(both.body.groups[0]).toMatchObject({ is_joined: '0', is_owner: '0' });

    const onlyPages = await community('pages,nonsense');
    expect(Object.keys(onlyPages.body)).toEqual(['api_status', 'pages']);
    const onlyGroups = await community('groups');
    expect(onlyGroups.body).toEqual({ api_status: 200, groups: both.body.groups });
  });

  test('no valid fetch key, or an unknown user, is an error', async () => {
    const viewer = await member();
    expectError(await social(gw, 'get-community', { user_id: String(viewer.id), fetch: 'friends' }, viewer.token), 3, /^fetch must name at least one of: groups, pages/);
    expectError(await social(gw, 'get-community', { user_id: String(viewer.id) }, viewer.token), 3, /^fetch is required/);
    expectError(await social(gw, 'get-community', { user_id: '999999', fetch: 'pages' }, viewer.token), 4, /^User not found/);
  });
});

describe('POST /api/search', () => {
  const search = (form: Record<string, string>, who: Member) => social(gw, 'search', form, who.token);
  const userIds = (res: { body: any }) => res.body.users.map((u: any) => Number(u.user_id));

  test('finds users, pages and groups by name or title, case-insensitively, newest first', async () => {
    const seeker = await member();
    const ann = await gw.member('Qwfind_ann');
    const bob = await gw.member('qwfind_bob');
    const page = await createPage(seeker, 'QWFind_page');
    const group = await createGroup(seeker, 'qwfind_group');
    const res = await search({ search_key: 'qwFIND' }, seeker);
    expect(Object.keys(res.body)).toEqual(['api_status', 'users', 'pages', 'groups']);
    expect(userIds(res)).toEqual([bob.id, ann.id]);
    const userData = (await social(gw, 'get-user-data', { user_id: String(bob.id), fetch: 'user_data' }, seeker.token)).body.user_data;
    expect(res.body.users[0]).toEqual(userData);
    expect(res.body.pages.map((p: any) => p.page_id)).toEqual([String(page.id)]);
    expect(Object.keys(res.body.pages[0])).toEqual(PAGE_KEYS);
    expect(res.body.groups.map((g: any) => [g.group_id, g.is_joined])).toEqual([[String(group.id), '1']]);
    expect(Object.keys(res.body.groups[0])).toEqual(GROUP_KEYS);
  });

  test('% and _ in the search key match themselves', async () => {
    const seeker = await member();
    const under = await gw.member('zq_lit');
    await gw.member('zqalit');
    const sale = await createPage(seeker, handle('sale'), { page_title: 'Sale 50% zqpct' });
    await createPage(seeker, handle('sale'), { page_title: 'Sale 500 zqpct' });
    expect(userIds(await search({ search_key: 'zq_' }, seeker))).toEqual([under.id]);
    expect((await search({ search_key: '50%' }, seeker)).body.pages.map((p: any) => p.page_id)).toEqual([String(sale.id)]);
    expect((await search({ search_key: '%' }, seeker)).body.pages.map((p: any) => p.page_id)).toEqual([String(sale.id)]);
  });

  test('limit and the offsets page each list by id; gender filters users; deleted users are left out', async () => {
    const seeker = await member();
    const [a, b, c] = [await gw.member('qwoff_a'), await gw.member('qwoff_b'), await gw.member('qwoff_c')];
    const db = gw.app.database.db;
    await db.updateTable('users').set({ gender: 'female' }).where('id', 'in', [a.id, c.id]).execute();
    await db.updateTable('users').set({ gender: 'male' }).where('id', '=', b.id).execute();
    const pages = [await createPage(seeker, handle('qwoffp')), await createPage(seeker, handle('qwoffp')), await createPage(seeker, handle('qwoffp'))];
    const groups = [await createGroup(seeker, handle('qwoffg')), await createGroup(seeker, handle('qwoffg'))];

    const first = await search({ search_key: 'qwoff', limit: '2' }, seeker);
    expect(userIds(first)).toEqual([c.id, b.id]);
    expect(first.body.pages.map((p: any) => Number(p.page_id))).toEqual([pages[2].id, pages[1].id]);
    expect(first.body.groups.map((g: any) => Number(g.group_id))).toEqual([groups[1].id, groups[0].id]);
    const next = await search({ search_key: 'qwoff', limit: '2', user_offset: String(b.id), page_offset: String(pages[1].id), group_offset: String(groups[0].id) }, seeker);
    expect([userIds(next), next.body.pages.map((p: any) => Number(p.page_id)), next.body.groups]).toEqual([[a.id], [pages[0].id], []]);

    expect(userIds(await search({ search_key: 'qwoff', gender: 'female' }, seeker))).toEqual([c.id, a.id]);
    expect(userIds(await search({ search_key: 'qwoff', gender: 'male' }, seeker))).toEqual([b.id]);
    await db.updateTable('users').set({ user_status: -100 }).where('id', '=', c.id).execute();
    expect(userIds(await search({ search_key: 'qwoff' }, seeker))).toEqual([b.id, a.id]);
  });

  test('a missing search_key, a bad gender or limit is an error', async () => {
    const seeker = await member();
    expectError(await search({}, seeker), 3, /^search_key is required/);
    expectError(await search({ search_key: '   ' }, seeker), 3, /^search_key is required/);
    expectError(await search({ search_key: 'x', gender: 'other' }, seeker), 3, /^gender must be one of male, female/);
    expectError(await search({ search_key: 'x', limit: '0' }, seeker), 3, /^limit must be between 1 and 100/);
    expectError(await search({ search_key: 'x', limit: '101' }, seeker), 3, /^limit must be between 1 and 100/);
    expectError(await search({ search_key: 'x', user_offset: '-1' }, seeker), 3, /^user_offset must not be negative/);
  });
});

test('a private group (privacy 0) takes join requests, like one that needs approval; the member count waits for approval', async () => {
  const owner = await member();
  const asker = await member();
  const group = await createGroup(owner, handle('secret'), { privacy: '0' });
  const res = await social(gw, 'join-group', { group_id: String(group.id) }, asker.token);
  expect(res.body).toEqual({ api_status: 200, join_status: 'requested' });
  expect((await groupRow(group.id)).member_count).toBe(1);
  expect((await groupData(asker, group.id)).is_joined).toBe('0');
});
