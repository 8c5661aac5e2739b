import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, Messages } from '../../db/schema';
import { dialectOf } from '../../db/dialect';
import { applyWindow, type Window } from '../../db/keyset';
import type { MessageRow } from './chat.row';

type Db = Kysely<DB>;

/** Whether a user has sent any message in a chat (deleted ones count: they wrote). */
export async function senderHasWritten(db: Db, chatId: number, senderId: number): Promise<boolean> {
  const row = await db.selectFrom('messages').select('id').where('chat_id', '=', chatId).where('sender_id', '=', senderId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function findMessagesByIds(db: Db, ids: readonly number[]): Promise<MessageRow[]> {
  return db.selectFrom('messages').selectAll().where('id', 'in', ids).execute();
}

/**
 * A window of a chat's live messages newer than `floor` (the viewer's deleted-up-to marker), keyset
 * on id ascending (oldest first; backward windows read from the newest end).
 */
export async function listMessages(db: Db, chatId: number, floor: number, window: Window): Promise<MessageRow[]> {
  const base = db.selectFrom('messages').selectAll().where('chat_id', '=', chatId).where('id', '>', floor).where('deleted_at', 'is', null);
  return applyWindow(base, ['id'], 'asc', window).execute();
}

/** Messages by id as `userId` can read them: live, in a chat they take part in, after their deleted-up-to marker (node(id:)). */
export async function findMessagesVisibleTo(db: Db, userId: number, ids: readonly number[]): Promise<MessageRow[]> {
  return db
    .selectFrom('messages as m')
    .innerJoin('chat_participants as me', (join) => join.onRef('me.chat_id', '=', 'm.chat_id').on('me.user_id', '=', userId))
    .selectAll('m')
    .where('m.id', 'in', ids)
    .where('m.deleted_at', 'is', null)
    .where((eb) => eb('m.id', '>', eb.fn.coalesce('me.deleted_up_to_message_id', sql.lit(0))))
    .execute();
}

/**
 * The words of what a person typed, for searchMessages: letters, digits and marks only, so quotes,
 * `*`, `NEAR`, `AND`, `(` or `&` are never read as query syntax; at most 16. Empty when nothing
 * searchable is left.
 */
export function searchWords(input: string): string[] {
  return input.match(/[\p{L}\p{N}\p{M}]+/gu)?.slice(0, 16) ?? [];
}

/**
 * Messages of a chat containing every word (the last one as a prefix, for search-as-you-type),
 * best match first, then newest. SQLite asks its FTS5 index (each word a quoted phrase, ranked by
 * bm25); PostgreSQL its GIN-indexed tsvectors (a `&` of lexemes, ranked by ts_rank over the log of
 * the length, so a long message with the words once ranks below a short one, as with bm25). Both fold case
 * and diacritics (migrations/0008_message_search.ts).
 */
export async function searchMessages(db: Db, chatId: number, floor: number, words: string[], limit: number): Promise<MessageRow[]> {
  const last = words.length - 1;
  if (dialectOf(db) === 'postgres') {
    const lexemes = words.map((word, i) => `'${word}'${i === last ? ':*' : ''}`);
    // Rank by the words' frequencies alone (an `|` query), as bm25 does; ts_rank of the `&` query would favour words close together.
    const result = await sql<MessageRow>`
      SELECT m.* FROM messages_fts f
      JOIN messages m ON m.id = f.message_id
      WHERE f.document @@ to_tsquery('gateway_search', ${lexemes.join(' & ')}) AND m.chat_id = ${chatId} AND m.id > ${floor} AND m.deleted_at IS NULL
      ORDER BY ts_rank(f.document, to_tsquery('gateway_search', ${lexemes.join(' | ')}), 1) DESC, m.id DESC
      LIMIT ${limit}`.execute(db);
    return result.rows;
  }
  const query = words.map((word, i) => `"${word}"${i === last ? '*' : ''}`).join(' ');
  const result = await sql<MessageRow>`
    SELECT m.* FROM messages_fts
    JOIN messages m ON m.id = messages_fts.rowid
    WHERE messages_fts MATCH ${query} AND m.chat_id = ${chatId} AND m.id > ${floor} AND m.deleted_at IS NULL
    ORDER BY bm25(messages_fts), m.id DESC
    LIMIT ${limit}`.execute(db);
  return result.rows;
}

/** Unread messages per participant row: others' live messages after both the read and the deleted-up-to marks. */
export async function unreadByParticipants(db: Db, participantIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('chat_participants as p')
    .innerJoin('messages as m', 'm.chat_id', 'p.chat_id')
    .select(['p.id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.id', 'in', participantIds)
    .whereRef('m.sender_id', '!=', 'p.user_id')
    .where('m.deleted_at', 'is', null)
    .where((eb) => eb('m.id', '>', eb.fn.coalesce('p.last_read_message_id', sql.lit(0))))
    .where((eb) => eb('m.id', '>', eb.fn.coalesce('p.deleted_up_to_message_id', sql.lit(0))))
    .groupBy('p.id')
    .execute();
  return new Map(rows.map((row) => [row.id, Number(row.n)]));
}

/** A user's unread messages over all their chats. */
export async function totalUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('chat_participants as p')
    .innerJoin('messages as m', 'm.chat_id', 'p.chat_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.user_id', '=', userId)
    .whereRef('m.sender_id', '!=', 'p.user_id')
    .where('m.deleted_at', 'is', null)
    .where((eb) => eb('m.id', '>', eb.fn.coalesce('p.last_read_message_id', sql.lit(0))))
    .where((eb) => eb('m.id', '>', eb.fn.coalesce('p.deleted_up_to_message_id', sql.lit(0))))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of these messages a user has starred (as a participant of their chats). */
export async function starredByUser(db: Db, userId: number, messageIds: readonly number[]): Promise<Set<number>> {
  const rows = await db
    .selectFrom('message_stars as s')
    .innerJoin('chat_participants as p', 'p.id', 's.participant_id')
    .select('s.message_id')
    .where('p.user_id', '=', userId)
    .where('s.message_id', 'in', messageIds)
    .execute();
  return new Set(rows.map((row) => row.message_id));
}

/** The starred live messages of each participant row, newest first. */
export async function starredMessagesByParticipants(db: Db, participantIds: readonly number[]): Promise<(MessageRow & { participant_id: number })[]> {
  return db
    .selectFrom('message_stars as s')
    .innerJoin('messages as m', 'm.id', 's.message_id')
    .selectAll('m')
    .select('s.participant_id')
    .where('s.participant_id', 'in', participantIds)
    .where('m.deleted_at', 'is', null)
    .orderBy('m.id', 'desc')
    .execute();
}

/** A sender's message in a chat with this client-chosen hash (for idempotent sends). */
export function findMessageByHash(db: Db, chatId: number, senderId: number, hashId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('chat_id', '=', chatId).where('sender_id', '=', senderId).where('hash_id', '=', hashId).executeTakeFirst();
}

export function insertMessage(db: Db, values: Insertable<Messages>): Promise<MessageRow> {
  return db.insertInto('messages').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateMessage(db: Db, id: number, values: Updateable<Messages>): Promise<MessageRow> {
  return db.updateTable('messages').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Whether a participant has starred a message. */
export async function isStarred(db: Db, messageId: number, participantId: number): Promise<boolean> {
  const row = await db.selectFrom('message_stars').select('message_id').where('message_id', '=', messageId).where('participant_id', '=', participantId).executeTakeFirst();
  return row !== undefined;
}

export async function insertStar(db: Db, messageId: number, participantId: number, at: string): Promise<void> {
  await db.insertInto('message_stars').values({ message_id: messageId, participant_id: participantId, created_at: at }).execute();
}

export async function deleteStar(db: Db, messageId: number, participantId: number): Promise<void> {
  await db.deleteFrom('message_stars').where('message_id', '=', messageId).where('participant_id', '=', participantId).execute();
}

/** Unstars a message for everyone (it was deleted). */
export async function deleteStarsOfMessage(db: Db, messageId: number): Promise<void> {
  await db.deleteFrom('message_stars').where('message_id', '=', messageId).execute();
}

/** Drops every star of a participant row (the participant leaves). */
export async function deleteStarsOfParticipant(db: Db, participantId: number): Promise<void> {
  await db.deleteFrom('message_stars').where('participant_id', '=', participantId).execute();
}
