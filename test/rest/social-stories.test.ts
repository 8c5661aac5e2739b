import { filesUnder, SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { counts, expectError, social, socialMultipart, USER_KEYS } from '../support/social';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const STORY_KEYS = ['id', 'user_id', 'title', 'description', 'file', 'file_type', 'thumbnail', 'posted', 'expire', 'is_owner', 'user_data'];
const TABLES = ['stories', 'media_files'];
const DAY = 24 * 60 * 60;

let serial = 0;
const member = () => gw.member(`st${++serial}`);

function createStory(token: string, fields: Record<string, string> = {}, file: [string, Buffer] | null = ['photo.png', SAMPLES.png]) {
  return socialMultipart(gw, 'create-story', fields, file ? [['file', file[0], file[1]]] : [], token);
}

async function follow(followerId: number, followingId: number, status = 'accepted') {
  await gw.app.database.db.insertInto('follows').values({ follower_id: followerId, following_id: followingId, status, created_at: new Date().toISOString() }).execute();
}

const storyIds = async (token: string, form: Record<string, string> = {}) => (await social(gw, 'get-stories', form, token)).body.stories.map((s: any) => Number(s.id));

describe('POST /api/create-story', () => {
  test('an image story is stored for 24 hours and answers story_id', async () => {
    const me = await member();
    const before = await counts(gw, TABLES);
    const res = await createStory(me.token, { story_title: 'Morning', story_description: 'Sunrise', file_type: 'image' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['api_status', 'story_id']);
    expect(res.body).toEqual({ api_status: 200, story_id: expect.any(Number) });
    const row = await gw.app.database.db.selectFrom('stories').selectAll().where('id', '=', res.body.story_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: me.id, title: 'Morning', description: 'Sunrise', file_type: 'image', file_url: expect.stringMatching(/^\/uploads\/.+\.png$/) });
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(DAY * 1000);
    expect(filesUnder(gw.uploadDir)).toContain(row.file_url.replace('/uploads/', ''));
    expect(await counts(gw, TABLES)).toEqual({ stories: before.stories + 1, media_files: before.media_files + 1 });
  });

  test('a video story without file_type takes its type from the content', async () => {
    const me = await member();
    const res = await createStory(me.token, {}, ['clip.webm', SAMPLES.webm]);
    expect(res.body.api_status).toBe(200);
    const row = await gw.app.database.db.selectFrom('stories').selectAll().where('id', '=', res.body.story_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ file_type: 'video', title: null, description: null, file_url: expect.stringMatching(/\.webm$/) });
  });

  test('no file, a bad title, a wrong file_type or a disallowed file leaves no row and no file', async () => {
    const me = await member();
    const [before, files] = [await counts(gw, TABLES), filesUnder(gw.uploadDir)];
    expectError(await createStory(me.token, { story_title: 'x' }, null), 3, /^file is required$/);
    expectError(await social(gw, 'create-story', { file: 'https://example.com/a.png' }, me.token), 3, /^file must be one multipart image or video file$/);
    expectError(await createStory(me.token, { story_title: 'x' }), 3, /^story_title must be at least 2 characters$/);
    expectError(await createStory(me.token, { file_type: 'audio' }), 3, /^file_type must be one of image, video$/);
    expectError(await createStory(me.token, { file_type: 'video' }), 3, /^file_type is video but the file is an image$/);
    expectError(await createStory(me.token, {}, ['tool.exe', SAMPLES.exe]), 3, /^file type \.exe is not allowed/);
    expectError(await createStory(me.token, {}, ['page.png', SAMPLES.html]), 3, /^file is not a valid/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
  });
});

describe('POST /api/get-stories', () => {
  test("lists the unexpired stories of the users the caller follows (accepted only) and the caller's own, newest first", async () => {
    const [me, friend, pending, stranger] = [await member(), await member(), await member(), await member()];
    await follow(me.id, friend.id);
    await follow(me.id, pending.id, 'pending');
    await follow(stranger.id, me.id);
    const mine = (await createStory(me.token)).body.story_id;
    const friends = (await createStory(friend.token, { story_title: 'Hi all' })).body.story_id;
    await createStory(pending.token);
    const strangers = (await createStory(stranger.token)).body.story_id;

    const res = await social(gw, 'get-stories', {}, me.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'stories']);
    expect(res.body.stories.map((s: any) => Number(s.id))).toEqual([friends, mine]);
    const [theirs, own] = res.body.stories;
    expect(Object.keys(theirs)).toEqual(STORY_KEYS);
    expect(theirs).toMatchObject({ user_id: String(friend.id), title: 'Hi all', description: '', file_type: 'image', is_owner: '0', thumbnail: theirs.file });
    expect(Number(theirs.expire) - Number(theirs.posted)).toBe(DAY);
    expect(Object.keys(theirs.user_data)).toEqual(USER_KEYS);
    expect(own.is_owner).toBe('1');
    expect(await storyIds(me.token, { limit: '1' })).toEqual([friends]);
    expect(await storyIds(stranger.token)).toEqual([strangers, mine]);
  });

  test('an expired story is not listed', async () => {
    const me = await member();
    const fresh = (await createStory(me.token)).body.story_id;
    const old = (await createStory(me.token)).body.story_id;
    await gw.app.database.db
      .updateTable('stories')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', old)
      .execute();
    expect(await storyIds(me.token)).toEqual([fresh]);
  });
});

describe('POST /api/delete-story', () => {
  test('the owner deletes the story and its file', async () => {
    const me = await member();
    const id = (await createStory(me.token)).body.story_id;
    const { file_url } = await gw.app.database.db.selectFrom('stories').select('file_url').where('id', '=', id).executeTakeFirstOrThrow();
    const before = await counts(gw, TABLES);
    const res = await social(gw, 'delete-story', { story_id: String(id) }, me.token);
    expect(res.body).toEqual({ api_status: 200, message: 'Story successfully deleted' });
    expect(await counts(gw, TABLES)).toEqual({ stories: before.stories - 1, media_files: before.media_files - 1 });
    expect(filesUnder(gw.uploadDir)).not.toContain(file_url.replace('/uploads/', ''));
    expect(await storyIds(me.token)).not.toContain(id);
  });

  test("another user's story, an unknown id or a bad id is an error and deletes nothing", async () => {
    const [me, other] = [await member(), await member()];
    const id = (await createStory(other.token)).body.story_id;
    const [before, files] = [await counts(gw, TABLES), filesUnder(gw.uploadDir)];
    expectError(await social(gw, 'delete-story', { story_id: String(id) }, me.token), 5, /^You may only delete your own stories$/);
    expectError(await social(gw, 'delete-story', { story_id: '999999' }, me.token), 4, /^Story 999999 does not exist$/);
    expectError(await social(gw, 'delete-story', {}, me.token), 3, /^story_id is required$/);
    expectError(await social(gw, 'delete-story', { story_id: 'one' }, me.token), 3, /^story_id must be an integer$/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
  });
});
