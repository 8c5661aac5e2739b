import type SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../../src/db/connection';

// SQLite only: PostgreSQL keeps no prepared statements. Run once (SINGLE_RUN in jest.config.js).
let handle: DatabaseHandle;
let db: Kysely<any>;
const cache = new Map<string, SqliteDatabase.Statement>();

beforeAll(async () => {
  handle = openDatabase('sqlite::memory:', { statementCache: cache });
  db = handle.db;
  await sql`create table items (id integer primary key)`.execute(db);
  for (let i = 1; i <= 5000; i += 500)
    await db
      .insertInto('items')
      .values(Array.from({ length: 500 }, (_, k) => ({ id: i + k })))
      .execute();
});
afterAll(() => handle.close());

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);
const cachedLength = () => [...cache.keys()].reduce((sum, text) => sum + text.length, 0);

test('IN lists of every length from 1 to 1024 share eleven statements, and answer as before', async () => {
  cache.clear();
  for (let n = 1; n <= 1024; n++) {
    const rows = await db.selectFrom('items').select('id').where('id', 'in', ids(n, 4990)).execute();
    expect(rows.length).toBe(Math.min(n, 11));
    const others = await db.selectFrom('items').select(db.fn.countAll().as('count')).where('id', 'not in', ids(n)).executeTakeFirstOrThrow();
    expect(Number(others.count)).toBe(5000 - n);
  }
  const inStatements = [...cache.keys()].filter((text) => / in \(/.test(text));
  console.log(`1024 distinct IN-list lengths, twice: ${cache.size} cached statements`);
  expect(inStatements.length).toBe(22); // 1, 2, 4 … 1024, for `in` and for `not in`
});

test('150 distinct long lists (20,000 to 30,000 items) leave the cache within its bounds', async () => {
  cache.clear();
  await db.selectFrom('items').select('id').where('id', '=', 1).execute();
  for (let i = 0; i < 150; i++) {
    const n = 20_000 + i * 67;
    const rows = await db.selectFrom('items').select('id').where('id', 'in', ids(n)).execute();
    expect(rows.length).toBe(5000);
  }
  // Today each of those stayed prepared: about 5 MB of program apiece, 770 MB for 150.
  console.log(`150 long IN lists: ${cache.size} cached statements, ${cachedLength()} characters of SQL`);
  expect([...cache.keys()]).toEqual(['select "id" from "items" where "id" = ?']);
});

test('many distinct statements: the cache keeps at most 1000 of them and 1 MB of SQL', async () => {
  cache.clear();
  for (let i = 0; i < 1500; i++)
    await db
      .selectFrom('items')
      .select(sql<number>`${sql.lit(i)}`.as('n'))
      .where('id', '=', 1)
      .execute();
  expect(cache.size).toBe(1000);
  cache.clear();
  // Lists past the padded lengths (1025 to 2500 items) are kept until their SQL adds up to 1 MB.
  for (let n = 1025; n <= 2500; n++) await db.selectFrom('items').select('id').where('id', 'in', ids(n)).execute();
  console.log(`1476 lists of 1025-2500 items: ${cache.size} cached statements, ${cachedLength()} characters of SQL`);
  expect(cachedLength()).toBeLessThanOrEqual(1024 * 1024);
});
