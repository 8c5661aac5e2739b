import { sql } from 'kysely';
import { migrations } from '../../migrations';
import { type DatabaseHandle, openDatabase } from '../../src/db/connection';
import { dialectOf } from '../../src/db/dialect';
import { migrateToLatest } from '../../src/db/migrate';
import { nullsLowest } from '../../src/db/order';
import { uniqueOr } from '../../src/db/unique-violation';
import { type FreshDatabase, freshDatabase, testDialect } from '../support/dialect';

/**
 * What the repositories rely on, checked on whichever dialect this Jest project runs: the same
 * values back from both databases, so nothing above the repositories needs to know which it is.
 */
let fresh: FreshDatabase;
let handle: DatabaseHandle;
const now = new Date().toISOString();

beforeAll(async () => {
  fresh = await freshDatabase();
  handle = openDatabase(fresh.url);
  await migrateToLatest(handle.db);
});
afterAll(async () => {
  await handle?.close();
  await fresh?.dispose();
});

const user = (name: string) => ({ sid: `sid-${name}`, username: name, username_key: name.toLowerCase(), role_id: 4, created_at: now, updated_at: now });

test('the project runs on the dialect it names', () => {
  expect(dialectOf(handle.db)).toBe(testDialect());
  expect(handle.dialect).toBe(testDialect());
});

test('RETURNING gives the generated id, ids follow the explicit ones the migrations wrote, and counts are numbers', async () => {
  const row = await handle.db.insertInto('users').values(user('Parity1')).returning(['id', 'is_bot', 'created_at', 'lat']).executeTakeFirstOrThrow();
  expect(row).toEqual({ id: expect.any(Number), is_bot: 0, created_at: now, lat: null });
  const role = await handle.db.insertInto('roles').values({ role_name: 'Parity role', rank: 20 }).returning('id').executeTakeFirstOrThrow();
  expect(role.id).toBe(5); // past Admin 1, Moderator 3 and Member 4
  const count = await handle.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(count.n).toBe(1);
  const { rows } = await sql<{ yes: number; no: number; total: number }>`select exists (select 1 from users) as yes, 1 = 2 as no, sum(id) as total from users`.execute(handle.db);
  expect(rows[0]).toEqual({ yes: 1, no: 0, total: row.id });
});

test('floats keep double precision; JSON text and ISO timestamps read back as written', async () => {
  const meta = JSON.stringify({ nested: { list: [1, 'two', null] }, unicode: 'zoë ✓' });
  const { id } = await handle.db
    .insertInto('users')
    .values({ ...user('Parity2'), lat: 52.520008123, lng: -13.404954321, meta })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await handle.db.selectFrom('users').select(['lat', 'lng', 'meta', 'created_at']).where('id', '=', id).executeTakeFirstOrThrow();
  expect(row).toEqual({ lat: 52.520008123, lng: -13.404954321, meta, created_at: now });
  expect(JSON.parse(row.meta!)).toEqual({ nested: { list: [1, 'two', null] }, unicode: 'zoë ✓' });
});

test('a unique violation becomes CONFLICT on the field; a foreign-key violation is refused', async () => {
  await expect(uniqueOr(handle.db.insertInto('users').values(user('parity1')).execute(), 'taken', 'username')).rejects.toMatchObject({
    message: 'taken',
    extensions: { code: 'CONFLICT', field: 'username' },
  });
  await expect(
    handle.db
      .insertInto('users')
      .values({ ...user('Parity3'), role_id: 99 })
      .execute(),
  ).rejects.toMatchObject({
    message: expect.stringMatching(/FOREIGN KEY|foreign key/),
  });
});

test('a failed transaction leaves nothing behind', async () => {
  const before = await handle.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await expect(
    handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(user('Parity4')).execute();
      await trx.insertInto('users').values(user('parity4')).execute(); // same username_key
    }),
  ).rejects.toBeDefined();
  const after = await handle.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(after.n).toBe(before.n);
});

test('NULL sorts lowest when asked, as SQLite has it', async () => {
  await handle.db
    .insertInto('users')
    .values([
      { ...user('Parity5'), first_name: 'Zed' },
      { ...user('Parity6'), first_name: 'Amy' },
    ])
    .execute();
  const names = async (direction: 'asc' | 'desc') =>
    (await handle.db.selectFrom('users').select('first_name').where('username', 'like', 'Parity%').orderBy('first_name', nullsLowest(direction)).orderBy('id').execute()).map((r) => r.first_name);
  expect(await names('asc')).toEqual([null, null, 'Amy', 'Zed']);
  expect(await names('desc')).toEqual(['Zed', 'Amy', null, null]);
});

(testDialect() === 'postgres' ? test : test.skip)("introspection, which the migrator relies on, reads the connection's own schema, whatever other schemas hold", async () => {
  const neighbour = await freshDatabase();
  const other = openDatabase(neighbour.url);
  try {
    await other.db.schema.createTable('neighbour_only').addColumn('id', 'integer').execute();
    const tables = await handle.db.introspection.getTables({ withInternalKyselyTables: true });
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['users', 'messages', 'kysely_migration']));
    expect(names).not.toContain('neighbour_only');
    expect(new Set(tables.map((t) => t.schema)).size).toBe(1);
    const users = tables.find((t) => t.name === 'users')!;
    expect(users.columns.find((c) => c.name === 'id')).toMatchObject({ isAutoIncrementing: true, isNullable: false });
    expect(users.columns.find((c) => c.name === 'lat')).toMatchObject({ isNullable: true, dataType: 'float8' });
  } finally {
    await other.close();
    await neighbour.dispose();
  }
});

test('every migration rolls back in reverse order, leaving no table of ours', async () => {
  const other = await freshDatabase();
  const db = openDatabase(other.url);
  try {
    await migrateToLatest(db.db);
    for (const migration of Object.values(migrations).reverse()) await migration.down!(db.db);
    const tables =
      testDialect() === 'postgres'
        ? sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`
        : sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`;
    const left = (await tables.execute(db.db)).rows.map((r) => r.name).filter((name) => !name.startsWith('kysely_'));
    expect(left).toEqual([]);
  } finally {
    await db.close();
    await other.dispose();
  }
});
