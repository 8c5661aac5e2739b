import type { Kysely } from 'kysely';
import { flag, TIMESTAMP, withId } from './helpers';

/** Messenger subscribers of bot pages, their labels, contact groups, contacts and flow campaigns. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('subscribers'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('psid', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('full_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gender', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unavailable', 'integer', flag(0))
    .addColumn('last_error_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_error_message_broadcast', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('referrer_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subscribed_at', TIMESTAMP)
    .addColumn('email', 'text')
    .addColumn('phone_number', 'text')
    .addColumn('birthdate', 'text')
    .addColumn('last_interaction_at', TIMESTAMP)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .addUniqueConstraint('subscribers_page_psid', ['page_id', 'psid'])
    .execute();
  await db.schema.createIndex('subscribers_psid').on('subscribers').column('psid').execute();

  await withId(db, db.schema.createTable('labels'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('label_id', 'text', (c) => c.notNull().unique())
    .addColumn('label_name', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addUniqueConstraint('labels_page_name', ['page_id', 'label_name'])
    .execute();

  await db.schema
    .createTable('subscriber_labels')
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
    .addColumn('label_id', 'integer', (c) => c.notNull().references('labels.id').onDelete('cascade'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriber_labels_pk', ['subscriber_id', 'label_id'])
    .execute();
  await db.schema.createIndex('subscriber_labels_label').on('subscriber_labels').column('label_id').execute();

  await withId(db, db.schema.createTable('contact_groups'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', flag(0))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_groups_user').on('contact_groups').columns(['user_id', 'deleted']).execute();

  await withId(db, db.schema.createTable('contacts'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('contact_group_id', 'integer', (c) => c.notNull().references('contact_groups.id').onDelete('cascade'))
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone_number', 'text')
    .addColumn('email', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unsubscribed', 'integer', flag(0))
    .addColumn('deleted', 'integer', flag(0))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_user').on('contacts').columns(['user_id', 'deleted']).execute();
  await db.schema.createIndex('contacts_group').on('contacts').column('contact_group_id').execute();
  await db.schema.createIndex('contacts_email').on('contacts').columns(['user_id', 'email']).execute();

  await withId(db, db.schema.createTable('flow_campaigns'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('page_id', 'integer', (c) => c.references('pages.id').onDelete('set null'))
    .addColumn('flow_name', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flow_campaigns_user').on('flow_campaigns').column('user_id').execute();

  await withId(db, db.schema.createTable('flow_questions'))
    .addColumn('flow_campaign_id', 'integer', (c) => c.notNull().references('flow_campaigns.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addUniqueConstraint('flow_questions_order', ['flow_campaign_id', 'position'])
    .execute();

  await withId(db, db.schema.createTable('flow_answers'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('flow_questions.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addUniqueConstraint('flow_answers_once', ['question_id', 'subscriber_id'])
    .execute();
  await db.schema.createIndex('flow_answers_subscriber').on('flow_answers').column('subscriber_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['flow_answers', 'flow_questions', 'flow_campaigns', 'contacts', 'contact_groups', 'subscriber_labels', 'labels', 'subscribers']) {
    await db.schema.dropTable(table).execute();
  }
}
