import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

/** A chat and a user typing in it. */
export interface TypingRow {
  chat_id: number;
  user_id: number;
}

/** Users typing in these chats whose "typing" has not lapsed. */
export async function typingByChats(db: Db, chatIds: readonly number[], now: string): Promise<TypingRow[]> {
  return db.selectFrom('chat_typing').select(['chat_id', 'user_id']).where('chat_id', 'in', chatIds).where('expires_at', '>', now).execute();
}

/** Starts or renews a user's "typing…" in a chat until `expiresAt`. */
export async function upsertTyping(db: Db, chatId: number, userId: number, expiresAt: string): Promise<void> {
  await db
    .insertInto('chat_typing')
    .values({ chat_id: chatId, user_id: userId, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['chat_id', 'user_id']).doUpdateSet({ expires_at: expiresAt }))
    .execute();
}

/** Ends a user's "typing…" in a chat; true when they were typing. */
export async function deleteTyping(db: Db, chatId: number, userId: number): Promise<boolean> {
  const deleted = await db.deleteFrom('chat_typing').where('chat_id', '=', chatId).where('user_id', '=', userId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** Deletes the "typing…" rows that lapsed by `now` and answers them. */
export function deleteLapsedTyping(db: Db, now: string): Promise<TypingRow[]> {
  return db.deleteFrom('chat_typing').where('expires_at', '<=', now).returning(['chat_id', 'user_id']).execute();
}

/** Deletes a user's "typing…" rows in every chat and answers them. */
export function deleteTypingOfUser(db: Db, userId: number): Promise<TypingRow[]> {
  return db.deleteFrom('chat_typing').where('user_id', '=', userId).returning(['chat_id', 'user_id']).execute();
}
