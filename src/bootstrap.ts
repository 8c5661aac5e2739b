import { hashPassword } from './auth/passwords';
import { newSecret, newSid } from './auth/secrets';
import type { Config } from './config';
import type { Database } from './db/connection';
import { insertApiKey } from './domains/users/api-key.repository';
import { ROLE, UserStatus } from './domains/users/user-status';

/** What start-up decided and may need to print. */
export interface BootstrapResult {
  /** True when the database had no users before this start. */
  fresh: boolean;
  serverKey: string;
  serverKeyGenerated: boolean;
  /** Set when this start created the admin; secrets only when they were generated. */
  admin: { username: string; email: string; password: string | null; apiKey: string | null } | null;
}

const DEFAULT_SETTINGS: Record<string, string> = {
  site_name: 'Gateway',
  site_title: 'Gateway: social, community, chat and marketing in one',
  site_description: 'One GraphQL gateway over one database.',
  default_language: 'en',
  default_timezone: 'UTC',
  user_registration: '1',
};

async function setting(db: Database, key: string): Promise<string | null> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/**
 * Readies a migrated database: default site settings, the social server key (from SERVER_KEY, else
 * the stored one, else a new one), and on an empty database the admin with an API key.
 */
export async function bootstrap(db: Database, config: Config): Promise<BootstrapResult> {
  const fresh = (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined;
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    await db.insertInto('site_settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
  }
  let serverKey = config.serverKey ?? (await setting(db, 'server_key'));
  const serverKeyGenerated = serverKey === null;
  serverKey ??= newSecret(24);
  await db
    .insertInto('site_settings')
    .values({ key: 'server_key', value: serverKey })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: serverKey }))
    .execute();

  let admin: BootstrapResult['admin'] = null;
  const hasAdmin = await db.selectFrom('users').select('id').where('role_id', '=', ROLE.ADMIN).limit(1).executeTakeFirst();
  if (!hasAdmin) {
    const password = config.admin.password ?? newSecret(12);
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto('users')
        .values({
          sid: newSid(),
          username: config.admin.username,
          username_key: config.admin.username.toLowerCase(),
          email: config.admin.email,
          email_key: config.admin.email.toLowerCase(),
          password_hash: await hashPassword(password, config.bcryptCost),
          first_name: 'Admin',
          role_id: ROLE.ADMIN,
          user_status: UserStatus.ACTIVE,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { key } = await insertApiKey(trx, user.id, 'bootstrap', config.admin.apiKey ?? undefined);
      admin = {
        username: config.admin.username,
        email: config.admin.email,
        password: config.admin.password ? null : password,
        apiKey: config.admin.apiKey ? null : key,
      };
    });
  }
  return { fresh, serverKey, serverKeyGenerated, admin };
}
