import { type Insertable, type Kysely, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type { ChatParticipants, Chats, DB } from '../../db/schema';
import { applyWindow, type KeyValues, type Window } from '../../db/keyset';
import type { ChatViewRow, ParticipantRow, SendingViewRow } from './chat.row';

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
    .select(['p.id as participant_id', 'p.user_id as participant_user_id', 'p.role as participant_role', 'p.pinned', 'p.archived', 'p.color', 'p.last_read_message_id', 'p.deleted_up_to_message_id']);
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

function directChatId(db: Db, a: number, b: number) {
  return db.selectFrom('chats').select('id').where('direct_key', '=', directKey(a, b));
}

export async function findDirectChatId(db: Db, a: number, b: number): Promise<number | null> {
  const row = await directChatId(db, a, b).executeTakeFirst();
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
  const query = db
    .selectFrom('chat_participants as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(participantFilter(userId, filter));
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function findParticipantsByChats(db: Db, chatIds: readonly number[]): Promise<ParticipantRow[]> {
  return db.selectFrom('chat_participants').selectAll().where('chat_id', 'in', chatIds).orderBy('id').execute();
}

export async function participantUserIds(db: Db, chatId: number): Promise<number[]> {
  const rows = await db.selectFrom('chat_participants').select('user_id').where('chat_id', '=', chatId).execute();
  return rows.map((row) => row.user_id);
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

/** Creates the direct chat of a key unless it exists (another request may have just made it): its id, or undefined. */
export async function insertDirectChat(db: Db, values: Insertable<Chats>): Promise<number | undefined> {
  const created = await db
    .insertInto('chats')
    .values(values)
    .onConflict((oc) => oc.column('direct_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return created?.id;
}

export async function insertChat(db: Db, values: Insertable<Chats>): Promise<number> {
  return (await db.insertInto('chats').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Records a new last message (and activity) of a chat. */
export async function setLastMessage(db: Db, chatId: number, messageId: number, at: string): Promise<void> {
  await db.updateTable('chats').set({ last_message_id: messageId, last_activity_at: at }).where('id', '=', chatId).execute();
}

export async function insertParticipants(db: Db, rows: Insertable<ChatParticipants>[]): Promise<void> {
  await db.insertInto('chat_participants').values(rows).execute();
}

/** Changes one participant row (a user's own settings of a chat). */
export async function updateParticipant(db: Db, participantId: number, values: Updateable<ChatParticipants>): Promise<void> {
  await db.updateTable('chat_participants').set(values).where('id', '=', participantId).execute();
}

/** Changes a user's participant row of a chat, found by chat and user. */
export async function updateParticipantOf(db: Db, chatId: number, userId: number, values: Updateable<ChatParticipants>): Promise<void> {
  await db.updateTable('chat_participants').set(values).where('chat_id', '=', chatId).where('user_id', '=', userId).execute();
}

export async function deleteParticipant(db: Db, participantId: number): Promise<void> {
  await db.deleteFrom('chat_participants').where('id', '=', participantId).execute();
}

/** Whether a participant row belongs to a chat. */
export async function participantInChat(db: Db, participantId: number, chatId: number): Promise<boolean> {
  return (await db.selectFrom('chat_participants').select('id').where('id', '=', participantId).where('chat_id', '=', chatId).executeTakeFirst()) !== undefined;
}

/** A chat's participants with their roles, longest-standing first. */
export function participantRoles(db: Db, chatId: number): Promise<{ id: number; user_id: number; role: string }[]> {
  return db.selectFrom('chat_participants').select(['id', 'user_id', 'role']).where('chat_id', '=', chatId).orderBy('id').execute();
}

/** The direct chat of two users, which must exist (a concurrent create won the insert). */
export async function requireDirectChatId(db: Db, a: number, b: number): Promise<number> {
  return (await directChatId(db, a, b).executeTakeFirstOrThrow()).id;
}
