import { filesUnder, SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { counts, expectError, social, socialMultipart, USER_KEYS } from '../support/social';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const EVENT = {
  event_name: 'Summer fair',
  event_location: 'Town square',
  event_description: 'Stalls, music and food all day.',
  event_start_date: '2099-07-01',
  event_start_time: '10:00',
  event_end_date: '2099-07-01',
  event_end_time: '18:30',
};
const EVENT_KEYS = [
  'id',
  'name',
  'location',
  'description',
  'start_date',
  'start_time',
  'end_date',
  'end_time',
  'poster_id',
  'cover',
  'going_count',
  'interested_count',
  'is_going',
  'is_interested',
  'time',
  'user_data',
];
const TABLES = ['events', 'event_responses', 'media_files'];

let serial = 0;
const member = () => gw.member(`ev${++serial}`);

async function createEvent(token: string, fields: Partial<typeof EVENT> = {}): Promise<number> {
  const res = await social(gw, 'create-event', { ...EVENT, ...fields }, token);
  expect(res.body.api_status).toBe(200);
  return res.body.event_id;
}

/** An event that ended yesterday, written directly. */
async function pastEvent(ownerId: number): Promise<number> {
  const now = new Date().toISOString();
  const row = await gw.app.database.db
    .insertInto('events')
    .values({
      owner_id: ownerId,
      name: 'Old meetup',
      location: 'Hall',
      description: 'It happened already.',
      start_date: '2000-01-01',
      start_time: '09:00',
      end_date: '2000-01-02',
      end_time: '10:00',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('POST /api/create-event', () => {
  test('creates the event and answers event_id only', async () => {
    const me = await member();
    const res = await social(gw, 'create-event', { ...EVENT, event_start_time: '9:05' }, me.token);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['api_status', 'event_id']);
    expect(res.body).toEqual({ api_status: 200, event_id: expect.any(Number) });
    const row = await gw.app.database.db.selectFrom('events').selectAll().where('id', '=', res.body.event_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_id: me.id, name: 'Summer fair', location: 'Town square', start_date: '2099-07-01', start_time: '09:05', end_time: '18:30', cover: null, going_count: 0 });
  });

  test('an event_cover upload is stored and becomes the cover', async () => {
    const me = await member();
    const before = await counts(gw, TABLES);
    const res = await socialMultipart(gw, 'create-event', EVENT, [['event_cover', 'cover.png', SAMPLES.png]], me.token);
    expect(res.body).toEqual({ api_status: 200, event_id: expect.any(Number) });
    const { cover } = await gw.app.database.db.selectFrom('events').select('cover').where('id', '=', res.body.event_id).executeTakeFirstOrThrow();
    expect(cover).toMatch(/^\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}\.png$/);
    expect(filesUnder(gw.uploadDir)).toContain(cover!.replace('/uploads/', ''));
    expect(await counts(gw, TABLES)).toEqual({ ...before, events: before.events + 1, media_files: before.media_files + 1 });
  });

  test.each([
    [{ event_name: 'Fair' }, /^event_name must be at least 5 characters$/],
    [{ event_name: '   Fair   ' }, /^event_name must be at least 5 characters$/],
    [{ event_description: 'Too short' }, /^event_description must be at least 10 characters$/],
    [{ event_start_date: '01/07/2099' }, /^event_start_date must be a date as YYYY-MM-DD$/],
    [{ event_end_date: '2099-02-30' }, /^event_end_date must be a date as YYYY-MM-DD$/],
    [{ event_start_time: '25:00' }, /^event_start_time must be a time as HH:MM/],
    [{ event_end_time: '6pm' }, /^event_end_time must be a time as HH:MM/],
    [{ event_end_date: '2099-06-30' }, /cannot end before it starts/],
    [{ event_end_time: '09:59' }, /cannot end before it starts/],
    [{ event_location: '' }, /^event_location is required$/],
    [{ event_start_date: '' }, /^event_start_date is required$/],
  ])('%j is refused in the envelope and writes nothing', async (fields, text) => {
    const me = await member();
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'create-event', { ...EVENT, ...fields }, me.token), 3, text);
    expect(await counts(gw, TABLES)).toEqual(before);
  });

  test('an event_cover that is not an image leaves no row and no file', async () => {
    const me = await member();
    const [before, files] = [await counts(gw, TABLES), filesUnder(gw.uploadDir)];
    expectError(await socialMultipart(gw, 'create-event', EVENT, [['event_cover', 'clip.mp4', SAMPLES.mp4]], me.token), 3, /^event_cover must be an image$/);
    expectError(await socialMultipart(gw, 'create-event', EVENT, [['event_cover', 'tool.exe', SAMPLES.exe]], me.token), 3, /^event_cover type \.exe is not allowed/);
    expectError(await socialMultipart(gw, 'create-event', { ...EVENT, event_name: 'Tiny' }, [['event_cover', 'c.png', SAMPLES.png]], me.token), 3, /event_name/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
  });
});

describe('POST /api/get-events', () => {
  test("answers exactly the fetch keys: others' events that have not ended, and the caller's own", async () => {
    const [me, other] = [await member(), await member()];
    const mine = await createEvent(me.token, { event_name: 'My own party' });
    const theirs = await createEvent(other.token, { event_name: 'Their concert' });
    const ended = await pastEvent(other.id);
    const myPast = await pastEvent(me.id);

    const both = await social(gw, 'get-events', { fetch: 'events,my_events' }, me.token);
    expect(Object.keys(both.body)).toEqual(['api_status', 'events', 'my_events']);
    const otherIds = both.body.events.map((e: any) => Number(e.id));
    expect(otherIds).toContain(theirs);
    expect(otherIds).not.toContain(ended);
    expect(otherIds).not.toContain(mine);
    expect(both.body.my_events.map((e: any) => Number(e.id))).toEqual([myPast, mine]);
    const event = both.body.events.find((e: any) => Number(e.id) === theirs);
    expect(Object.keys(event)).toEqual(EVENT_KEYS);
    expect(event).toMatchObject({ name: 'Their concert', poster_id: String(other.id), start_date: '2099-07-01', start_time: '10:00', going_count: '0', is_going: '0', cover: '' });
    expect(Object.keys(event.user_data)).toEqual(USER_KEYS);
    expect(event.user_data.user_id).toBe(String(other.id));

    const onlyMine = await social(gw, 'get-events', { fetch: 'my_events' }, me.token);
    expect(Object.keys(onlyMine.body)).toEqual(['api_status', 'my_events']);
    const onlyOthers = await social(gw, 'get-events', { fetch: 'events,bogus' }, me.token);
    expect(Object.keys(onlyOthers.body)).toEqual(['api_status', 'events']);
  });

  test('offset and my_offset page each list by id; limit caps it', async () => {
    const [me, other] = [await member(), await member()];
    const ids = [await createEvent(other.token), await createEvent(other.token), await createEvent(other.token)];
    const own = [await createEvent(me.token), await createEvent(me.token)];
    const page = await social(gw, 'get-events', { fetch: 'events,my_events', limit: '1', offset: String(ids[2]), my_offset: String(own[1]) }, me.token);
    expect(page.body.events.map((e: any) => Number(e.id))).toEqual([ids[1]]);
    expect(page.body.my_events.map((e: any) => Number(e.id))).toEqual([own[0]]);
  });

  test('fetch without a known key, or a bad offset, is an error', async () => {
    const me = await member();
    expectError(await social(gw, 'get-events', { fetch: 'everything' }, me.token), 3, /^fetch must name at least one of: events, my_events$/);
    expectError(await social(gw, 'get-events', {}, me.token), 3, /^fetch is required$/);
    expectError(await social(gw, 'get-events', { fetch: 'events', offset: 'abc' }, me.token), 3, /^offset must be an integer$/);
    expectError(await social(gw, 'get-events', { fetch: 'events', limit: '0' }, me.token), 3, /limit must be at least 1/);
  });
});

describe('POST /api/go-to-event and /api/interest-event', () => {
  const responses = (eventId: number) => gw.app.database.db.selectFrom('event_responses').select(['user_id', 'response']).where('event_id', '=', eventId).orderBy('response').execute();
  const eventCounts = (eventId: number) => gw.app.database.db.selectFrom('events').select(['going_count', 'interested_count']).where('id', '=', eventId).executeTakeFirstOrThrow();

  test('going toggles: going, then not-going, with the count kept right', async () => {
    const [owner, me, friend] = [await member(), await member(), await member()];
    const id = await createEvent(owner.token);
    expect((await social(gw, 'go-to-event', { event_id: String(id) }, me.token)).body).toEqual({ api_status: 200, go_status: 'going' });
    expect((await social(gw, 'go-to-event', { event_id: String(id) }, friend.token)).body).toEqual({ api_status: 200, go_status: 'going' });
    expect(await eventCounts(id)).toEqual({ going_count: 2, interested_count: 0 });
    expect((await social(gw, 'go-to-event', { event_id: String(id) }, me.token)).body).toEqual({ api_status: 200, go_status: 'not-going' });
    expect(await eventCounts(id)).toEqual({ going_count: 1, interested_count: 0 });
    expect(await responses(id)).toEqual([{ user_id: friend.id, response: 'going' }]);
    const listed = await social(gw, 'get-events', { fetch: 'events' }, friend.token);
    expect(listed.body.events.find((e: any) => Number(e.id) === id)).toMatchObject({ going_count: '1', is_going: '1', is_interested: '0' });
  });

  test('interest toggles apart from going', async () => {
    const [owner, me] = [await member(), await member()];
    const id = await createEvent(owner.token);
    await social(gw, 'go-to-event', { event_id: String(id) }, me.token);
    expect((await social(gw, 'interest-event', { event_id: String(id) }, me.token)).body).toEqual({ api_status: 200, interest_status: 'interested' });
    expect(await eventCounts(id)).toEqual({ going_count: 1, interested_count: 1 });
    expect(await responses(id)).toEqual([
      { user_id: me.id, response: 'going' },
      { user_id: me.id, response: 'interested' },
    ]);
    expect((await social(gw, 'interest-event', { event_id: String(id) }, me.token)).body).toEqual({ api_status: 200, interest_status: 'not-interested' });
    expect(await eventCounts(id)).toEqual({ going_count: 1, interested_count: 0 });
    expect(await responses(id)).toEqual([{ user_id: me.id, response: 'going' }]);
  });

  test('a missing or unknown event_id is an error and writes nothing', async () => {
    const me = await member();
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'go-to-event', { event_id: '999999' }, me.token), 4, /^Event 999999 does not exist$/);
    expectError(await social(gw, 'interest-event', { event_id: '999999' }, me.token), 4, /999999/);
    expectError(await social(gw, 'go-to-event', {}, me.token), 3, /^event_id is required$/);
    expectError(await social(gw, 'interest-event', { event_id: 'x1' }, me.token), 3, /^event_id must be an integer$/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });
});
