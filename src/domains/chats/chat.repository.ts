import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { dialectOf } from '../../db/dialect';
import { applyWindow, type KeyValues, type Window } from '../../db/keyset';
import type { ChatViewRow, MessageRow, ParticipantRow, SendingViewRow } from './chat.row';

type Db = Kysely<DB>;

/** The key that makes the direct chat of two users unique, whoever starts it. */
export function directKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

function chatViews(db: Db) {
  return db
    .selectFrom('chats')
    .innerJoin('chat_participants as p', 'p.chat_id', 'chats.id')
    .selectAll('chats')
    .select([
      'p.id as participant_id',
      'p.user_id as participant_user_id',
      'p.role as participant_role',
      'p.pinned',
      'p.archived',
      'p.color',
      'p.last_read_message_id',
      'p.deleted_up_to_message_id',
    ]);
}

/**
 * The chat a user sends to, by id or by the direct key of the user and a recipient, as that user
 * sees it (undefined when they are not in it), in one statement with what the messaging rules need
 * of the other participant of a direct chat.
 */
export async function findSendingView(db: Db, userId: number, chat: { id: number } | { directKey: string }): Promise<SendingViewRow | undefined> {
  const query = chatViews(db)
    .leftJoin('chat_participants as o', (join) => join.onRef('o.chat_id', '=', 'chats.id').on('o.user_id', '!=', userId).on('chats.type', '=', 'direct'))
    .leftJoin('users as ou', 'ou.id', 'o.user_id')
    .select((eb) => [
      'o.user_id as other_user_id',
      'ou.user_status as other_user_status',
      'ou.message_privacy as other_message_privacy',
      eb
        .selectFrom('blocks as b')
        .select('b.blocker_id')
        .where((w) => w.or([w.and([w('b.blocker_id', '=', userId), w('b.blocked_id', '=', w.ref('o.user_id'))]), w.and([w('b.blocker_id', '=', w.ref('o.user_id')), w('b.blocked_id', '=', userId)])]))
        .limit(1)
        .as('block_by'),
    ])
    .where('p.user_id', '=', userId);
  return ('id' in chat ? query.where('chats.id', '=', chat.id) : query.where('chats.direct_key', '=', chat.directKey)).executeTakeFirst();
}

export async function findChatView(db: Db, chatId: number, userId: number): Promise<ChatViewRow | undefined> {
  return chatViews(db).where('chats.id', '=', chatId).where('p.user_id', '=', userId).executeTakeFirst();
}

/** The chats among `chatIds` that the user takes part in, as that user sees them. */
export async function findChatViews(db: Db, userId: number, chatIds: readonly number[]): Promise<ChatViewRow[]> {
  return chatViews(db).where('chats.id', 'in', chatIds).where('p.user_id', '=', userId).execute();
}

export async function findChat(db: Db, chatId: number) {
  return db.selectFrom('chats').selectAll().where('id', '=', chatId).executeTakeFirst();
}

export async function findDirectChatId(db: Db, a: number, b: number): Promise<number | null> {
  const row = await db.selectFrom('chats').select('id').where('direct_key', '=', directKey(a, b)).executeTakeFirst();
  return row?.id ?? null;
}

export interface ChatListFilter {
  archived?: boolean | null;
  pinned?: boolean | null;
}

/** The sort key of the chat list (pinned first, then by last activity, then by id; all descending), as its cursors carry it. */
export const CHAT_LIST_KEY = ['number', 'string', 'number'] as const;
export const chatListKey = (row: ChatViewRow): KeyValues => [row.pinned, row.last_activity_at, row.id];

/** The list's conditions on the participant row `p`: the user's own rows, as the filter narrows them. */
function participantFilter(userId: number, filter: ChatListFilter): RawBuilder<SqlBool> {
  const conditions = [sql`${sql.ref('p.user_id')} = ${userId}`];
  if (filter.archived != null) conditions.push(sql`${sql.ref('p.archived')} = ${filter.archived ? 1 : 0}`);
  if (filter.pinned != null) conditions.push(sql`${sql.ref('p.pinned')} = ${filter.pinned ? 1 : 0}`);
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** A window of a user's chats, pinned first, then by last activity (keyset on pinned, last activity and id). */
export async function listChatViews(db: Db, userId: number, filter: ChatListFilter, window: Window): Promise<ChatViewRow[]> {
  return applyWindow(chatViews(db).where(participantFilter(userId, filter)), ['p.pinned', 'chats.last_activity_at', 'chats.id'], 'desc', window).execute();
}

/** How many chats the user's list holds with this filter. */
export async function countChatViews(db: Db, userId: number, filter: ChatListFilter): Promise<number> {
  const query = db.selectFrom('chat_participants as p').select((eb) => eb.fn.countAll<number>().as('n')).where(participantFilter(userId, filter));
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function findParticipantsByChats(db: Db, chatIds: readonly number[]): Promise<ParticipantRow[]> {
  return db.selectFrom('chat_participants').selectAll().where('chat_id', 'in', chatIds).orderBy('id').execute();
}

export async function participantUserIds(db: Db, chatId: number): Promise<number[]> {
  const rows = await db.selectFrom('chat_participants').select('user_id').where('chat_id', '=', chatId).execute();
  return rows.map((row) => row.user_id);
}

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

/** Chat participants by id, each only where `userId` takes part in the same chat (node(id:)). */
export async function findParticipantsVisibleTo(db: Db, userId: number, ids: readonly number[]): Promise<ParticipantRow[]> {
  return db
    .selectFrom('chat_participants as cp')
    .innerJoin('chat_participants as me', (join) => join.onRef('me.chat_id', '=', 'cp.chat_id').on('me.user_id', '=', userId))
    .selectAll('cp')
    .where('cp.id', 'in', ids)
    .execute();
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

/** Users typing in these chats whose "typing" has not lapsed. */
export async function typingByChats(db: Db, chatIds: readonly number[], now: string): Promise<{ chat_id: number; user_id: number }[]> {
  return db.selectFrom('chat_typing').select(['chat_id', 'user_id']).where('chat_id', 'in', chatIds).where('expires_at', '>', now).execute();
}
