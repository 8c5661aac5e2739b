import type { Kysely } from 'kysely';
import { counter, flag, TIMESTAMP, withId } from './helpers';

/** The rest of the social API's content: products, stories, articles, albums, movies, notifications, activities. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('products'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('post_id', 'integer', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
    .addColumn('category', 'integer', (c) => c.notNull())
    .addColumn('type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_user').on('products').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('products_category').on('products').columns(['category', 'id']).execute();

  await withId(db, db.schema.createTable('product_images'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('product_images_product').on('product_images').column('product_id').execute();

  await withId(db, db.schema.createTable('stories'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('file_url', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('expires_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_user').on('stories').columns(['user_id', 'expires_at']).execute();

  await withId(db, db.schema.createTable('articles'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('category', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('thumbnail', 'text')
    .addColumn('view_count', 'integer', counter)
    .addColumn('active', 'integer', flag(1))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('articles_user').on('articles').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('articles_category').on('articles').columns(['category', 'id']).execute();

  await withId(db, db.schema.createTable('albums'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('albums_user').on('albums').columns(['user_id', 'id']).execute();

  await withId(db, db.schema.createTable('album_media'))
    .addColumn('album_id', 'integer', (c) => c.notNull().references('albums.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('album_media_album').on('album_media').column('album_id').execute();

  await withId(db, db.schema.createTable('movies'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('stars', 'text')
    .addColumn('producer', 'text')
    .addColumn('release_year', 'integer')
    .addColumn('duration', 'integer')
    .addColumn('quality', 'text')
    .addColumn('cover', 'text')
    .addColumn('source', 'text')
    .addColumn('view_count', 'integer', counter)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('movies_genre').on('movies').columns(['genre', 'id']).execute();
  await db.schema.createIndex('movies_country').on('movies').columns(['country', 'id']).execute();

  await withId(db, db.schema.createTable('notifications'))
    .addColumn('recipient_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notifier_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', 'integer')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('seen_at', TIMESTAMP)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_recipient').on('notifications').columns(['recipient_id', 'id']).execute();

  await withId(db, db.schema.createTable('activities'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('activity_type', 'text', (c) => c.notNull())
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', 'integer')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_user').on('activities').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['activities', 'notifications', 'movies', 'album_media', 'albums', 'articles', 'stories', 'product_images', 'products']) {
    await db.schema.dropTable(table).execute();
  }
}
