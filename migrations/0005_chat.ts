import type { Kysely } from 'kysely';
import { flag, TIMESTAMP, withId } from './helpers';

/** Chats, their participants' own view of them, messages, stars, typing state and uploaded media. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('chats'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('direct_key', 'text', (c) => c.unique())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('last_message_id', 'integer')
    .addColumn('last_activity_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('chat_participants'))
    .addColumn('chat_id', 'integer', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('pinned', 'integer', flag(0))
    .addColumn('archived', 'integer', flag(0))
    .addColumn('color', 'text')
    .addColumn('last_read_message_id', 'integer')
    .addColumn('deleted_up_to_message_id', 'integer')
    .addColumn('joined_at', TIMESTAMP, (c) => c.notNull())
    .addUniqueConstraint('chat_participants_one', ['chat_id', 'user_id'])
    .execute();
  await db.schema.createIndex('chat_participants_user').on('chat_participants').columns(['user_id', 'archived']).execute();

  await withId(db, db.schema.createTable('messages'))
    .addColumn('chat_id', 'integer', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('sender_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('media_url', 'text')
    .addColumn('media_type', 'text')
    .addColumn('reply_to_id', 'integer', (c) => c.references('messages.id').onDelete('set null'))
    .addColumn('hash_id', 'text')
    .addColumn('edited_at', TIMESTAMP)
    .addColumn('deleted_at', TIMESTAMP)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addUniqueConstraint('messages_hash_once', ['chat_id', 'sender_id', 'hash_id'])
    .execute();
  await db.schema.createIndex('messages_chat').on('messages').columns(['chat_id', 'id']).execute();
  await db.schema.createIndex('messages_sender').on('messages').column('sender_id').execute();

  await db.schema
    .createTable('message_stars')
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('chat_participants.id').onDelete('cascade'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('message_stars_pk', ['message_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('message_stars_participant').on('message_stars').column('participant_id').execute();

  await db.schema
    .createTable('chat_typing')
    .addColumn('chat_id', 'integer', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_typing_pk', ['chat_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('media_files'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['media_files', 'chat_typing', 'message_stars', 'messages', 'chat_participants', 'chats']) {
    await db.schema.dropTable(table).execute();
  }
}
