import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { counter, flag, TIMESTAMP, withId } from './helpers';

/** Reaction counts live beside their target in slots s1…s6, so reading a post needs no aggregate. */
function withReactionSlots<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  let result = table.addColumn('react_count', 'integer', counter);
  for (let slot = 1; slot <= 6; slot++) result = result.addColumn(`react_s${slot}`, 'integer', counter);
  return result;
}

/** Boards, posts (social and community), comments, replies, reactions and tags. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('boards'))
    .addColumn('board_name', 'text', (c) => c.notNull())
    .addColumn('board_type', 'text', (c) => c.notNull().defaultTo('DISCUSSION'))
    .addColumn('about', 'text')
    .addColumn('icon', 'text')
    .addColumn('is_private', 'integer', flag(0))
    .addColumn('hidden_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('permission_for', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('needs_approval', 'integer', flag(0))
    .addColumn('display_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('post_count', 'integer', counter)
    .addColumn('last_posted_at', TIMESTAMP)
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('board_members')
    .addColumn('board_id', 'integer', (c) => c.notNull().references('boards.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('board_members_pk', ['board_id', 'user_id'])
    .execute();
  await db.schema.createIndex('board_members_user').on('board_members').column('user_id').execute();

  await withReactionSlots(
    withId(db, db.schema.createTable('posts'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('board_id', 'integer', (c) => c.references('boards.id').onDelete('cascade'))
      .addColumn('page_id', 'integer', (c) => c.references('pages.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
      .addColumn('event_id', 'integer', (c) => c.references('events.id').onDelete('cascade'))
      .addColumn('post_type', 'text', (c) => c.notNull().defaultTo('text'))
      .addColumn('headline', 'text')
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('clean_text', 'text', (c) => c.notNull())
      .addColumn('post_short_text', 'text', (c) => c.notNull())
      .addColumn('media_url', 'text')
      .addColumn('privacy', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('post_status', 'integer', (c) => c.notNull().defaultTo(15))
      .addColumn('state', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('comment_count', 'integer', counter)
      .addColumn('reply_count', 'integer', counter)
      .addColumn('view_count', 'integer', counter),
  )
    .addColumn('pinned_at', TIMESTAMP)
    .addColumn('last_edited_at', TIMESTAMP)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posts_user').on('posts').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('posts_board').on('posts').columns(['board_id', 'post_status', 'id']).execute();
  await db.schema.createIndex('posts_page').on('posts').columns(['page_id', 'id']).execute();
  await db.schema.createIndex('posts_group').on('posts').columns(['group_id', 'id']).execute();
  await db.schema.createIndex('posts_event').on('posts').column('event_id').execute();

  await withReactionSlots(
    withId(db, db.schema.createTable('comments'))
      .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('clean_text', 'text', (c) => c.notNull())
      .addColumn('comment_status', 'integer', (c) => c.notNull().defaultTo(15))
      .addColumn('state', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reply_count', 'integer', counter),
  )
    .addColumn('last_edited_at', TIMESTAMP)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_post').on('comments').columns(['post_id', 'id']).execute();
  await db.schema.createIndex('comments_user').on('comments').column('user_id').execute();

  await withReactionSlots(
    withId(db, db.schema.createTable('replies'))
      .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
      .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('clean_text', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull().defaultTo(15))
      .addColumn('state', 'integer', (c) => c.notNull().defaultTo(0)),
  )
    .addColumn('last_edited_at', TIMESTAMP)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('replies_comment').on('replies').columns(['comment_id', 'id']).execute();
  await db.schema.createIndex('replies_post').on('replies').column('post_id').execute();
  await db.schema.createIndex('replies_user').on('replies').column('user_id').execute();

  await withId(db, db.schema.createTable('reactions'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ref_type', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull().check(sql`slot between 1 and 6`))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addUniqueConstraint('reactions_one_per_user', ['user_id', 'ref_type', 'ref_id'])
    .execute();
  await db.schema.createIndex('reactions_target').on('reactions').columns(['ref_type', 'ref_id', 'slot']).execute();

  await withId(db, db.schema.createTable('tags'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('image', 'text')
    .addColumn('og_image', 'text')
    .addColumn('og_title', 'text')
    .addColumn('og_description', 'text')
    .addColumn('back_color', 'text', (c) => c.notNull().defaultTo('#ffffff'))
    .addColumn('text_color', 'text', (c) => c.notNull().defaultTo('#330000'))
    .addColumn('use_count', 'integer', counter)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tag_mappings')
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('ref_type', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_mappings_pk', ['tag_id', 'ref_type', 'ref_id'])
    .execute();
  await db.schema.createIndex('tag_mappings_ref').on('tag_mappings').columns(['ref_type', 'ref_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['tag_mappings', 'tags', 'reactions', 'replies', 'comments', 'posts', 'board_members', 'boards']) {
    await db.schema.dropTable(table).execute();
  }
}
