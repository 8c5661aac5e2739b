import { hashPassword } from './auth/passwords';
import { newSecret, newSid } from './auth/secrets';
import type { Config } from './config';
import type { Database } from './db/connection';
import { insertApiKey } from './domains/users/api-key.repository';
import { findSiteSetting, insertSiteSettingIfMissing, upsertSiteSetting } from './domains/site/site.repository';
import { ROLE, UserStatus } from './domains/users/user-status';
import { hasAnyUser, hasUserWithRole, insertUser } from './domains/users/user.repository';

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

/**
 * Readies a migrated database: default site settings, the social server key (from SERVER_KEY, else
 * the stored one, else a new one), and on an empty database the admin with an API key.
 */
export async function bootstrap(db: Database, config: Config): Promise<BootstrapResult> {
  const fresh = !(await hasAnyUser(db));
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) await insertSiteSettingIfMissing(db, key, value);
  let serverKey = config.serverKey ?? (await findSiteSetting(db, 'server_key'));
  const serverKeyGenerated = serverKey === null;
  serverKey ??= newSecret(24);
  await upsertSiteSetting(db, 'server_key', serverKey);

  let admin: BootstrapResult['admin'] = null;
  if (!(await hasUserWithRole(db, ROLE.ADMIN))) {
    const password = config.admin.password ?? newSecret(12);
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, {
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
      });
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
