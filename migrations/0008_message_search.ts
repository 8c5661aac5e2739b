import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers';

/**
 * Full-text search over message bodies, in step with `messages` through triggers: Unicode-aware
 * words, case and diacritics folded. SQLite keeps an FTS5 index (external content, so the text is
 * stored once); PostgreSQL a `tsvector` per message in `messages_fts` with a GIN index. One
 * repository function (searchMessages in src/domains/chats/chat.repository.ts) reads either.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
  await sql`CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
  END`.execute(db);
  await sql`CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
  END`.execute(db);
  await sql`CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
  END`.execute(db);
  await sql`INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')`.execute(db);
}

/**
 * The `gateway_search` text-search configuration: words lower-cased without stemming (as FTS5's
 * unicode61), and with diacritics removed by the `unaccent` extension where the server has it.
 */
async function upPostgres(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from pg_available_extensions where name = 'unaccent'`.execute(db);
  await sql`CREATE TEXT SEARCH CONFIGURATION gateway_search (COPY = pg_catalog.simple)`.execute(db);
  if (Number(rows[0]?.n) > 0) {
    // In `public` when new, so one database's schemas share it; found wherever it already is.
    await sql`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`.execute(db);
    const found = await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'unaccent'`.execute(db);
    const dictionary = sql.id(found.rows[0].schema, 'unaccent');
    await sql`ALTER TEXT SEARCH CONFIGURATION gateway_search ALTER MAPPING FOR hword, hword_part, word WITH ${dictionary}, simple`.execute(db);
  }
  await sql`CREATE TABLE messages_fts (
    message_id integer PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    document tsvector NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX messages_fts_document ON messages_fts USING gin (document)`.execute(db);
  await sql`CREATE FUNCTION messages_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO messages_fts (message_id, document) VALUES (NEW.id, to_tsvector('gateway_search', coalesce(NEW.body, '')))
    ON CONFLICT (message_id) DO UPDATE SET document = excluded.document;
    RETURN NULL;
  END $$`.execute(db);
  await sql`CREATE TRIGGER messages_fts_sync AFTER INSERT OR UPDATE OF body ON messages FOR EACH ROW EXECUTE FUNCTION messages_fts_sync()`.execute(db);
  await sql`INSERT INTO messages_fts (message_id, document) SELECT id, to_tsvector('gateway_search', coalesce(body, '')) FROM messages`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER IF EXISTS messages_fts_sync ON messages`.execute(db);
    await sql`DROP FUNCTION IF EXISTS messages_fts_sync()`.execute(db);
    await sql`DROP TABLE IF EXISTS messages_fts`.execute(db);
    await sql`DROP TEXT SEARCH CONFIGURATION IF EXISTS gateway_search`.execute(db);
    return;
  }
  for (const trigger of ['messages_fts_insert', 'messages_fts_delete', 'messages_fts_update']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(trigger)}`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS messages_fts`.execute(db);
}
