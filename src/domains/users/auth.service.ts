import { loginAccount } from '../../auth/login-throttle';
import { hashPassword, passwordMatches } from '../../auth/passwords';
import { newSecret, secretMatches, storedSecret } from '../../auth/secrets';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ForbiddenError, NotConfiguredError, NotFoundError, RateLimitedError, UnauthenticatedError } from '../../errors';
import { accessChanged, Topic } from '../../graphql/pubsub';
import { deleteApiKeysOfUser } from './api-key.repository';
import { deleteAccessToken, deleteExpiredSessions, deleteSessionsOfUser, insertAccessToken, type NewSession } from './credential.repository';
import { countPasswordResetsSince, deletePasswordReset, findPasswordReset, markPasswordResetUsed, replacePasswordResets } from './password-reset.repository';
import { passwordResetMail } from '../../mail/password-reset-mail';
import { assertPassword } from './password-check';
import type { RegisterInput } from './user.input';
import type { UserRow } from './user.row';
import { findUserByEmail, findUserById, findUserByLogin, findUserBySsoId, updateUserRow } from './user.repository';
import { createUserRow } from './user.service';
import { LOCKED_OUT_STATUSES, UserStatus } from './user-status';
import { requireViewer } from '../shared/viewer.guard';

export interface Session {
  token: string;
  user: UserRow;
}

/** A mailed reset code works this long, once, and only while it is the account's newest. */
export const RESET_CODE_TTL_MS = 60 * 60 * 1000;
/** Reset mails one account gets at most per hour; further requests answer the same and send nothing. */
export const RESET_REQUESTS_PER_HOUR = 3;
const HOUR_MS = 60 * 60 * 1000;
/** Reset rows older than this are deleted when the account asks again. */
const RESET_ROWS_KEPT_MS = 24 * HOUR_MS;

/** A new session of this request's caller: their address, the configured lifetime. */
function newSession(ctx: Context, deviceId: string | null | undefined): NewSession {
  return { deviceId: deviceId ?? null, ip: ctx.ip, ttlSeconds: ctx.config.sessionTtlSeconds };
}

/** Self sign-up: creates an ACTIVE member and signs them in. */
export async function register(ctx: Context, input: RegisterInput): Promise<Session> {
  return ctx.events.transaction(ctx.db, async (unit) => {
    const user = await createUserRow({ ...ctx, viewer: null }, unit, { ...input, timezone: input.timezone ?? undefined });
    const token = await insertAccessToken(unit.trx, user.id, 'session', newSession(ctx, input.deviceId));
    return { token, user };
  });
}

/** Signs in by username or email and password; records the login and returns a new session token. */
export async function login(ctx: Context, args: { login: string; password: string; deviceId?: string | null; timezone?: string | null }): Promise<Session> {
  const user = await findUserByLogin(ctx.db, args.login.trim());
  const attempt = { account: loginAccount(user?.id ?? null, args.login), address: ctx.ip };
  const wait = await ctx.loginThrottle.retryAfterSeconds(attempt);
  if (wait > 0) throw new RateLimitedError(`Too many failed sign-ins: try again in ${wait} s`, wait);
  const ok = await passwordMatches(args.password, user?.password_hash ?? null, ctx.config.bcryptCost);
  if (!user || !ok) {
    await ctx.loginThrottle.failed(attempt);
    throw new UnauthenticatedError('Incorrect username or password');
  }
  await ctx.loginThrottle.succeeded(attempt);
  if (LOCKED_OUT_STATUSES.includes(user.user_status)) throw new ForbiddenError('This account is not active');
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    await deleteExpiredSessions(trx, user.id, new Date().toISOString());
    const token = await insertAccessToken(trx, user.id, 'session', newSession(ctx, args.deviceId));
    const updated = await updateUserRow(trx, user.id, {
      last_login_at: new Date().toISOString(),
      last_login_ip: ctx.ip,
      login_count: user.login_count + 1,
      timezone: args.timezone ?? undefined,
      device_id: args.deviceId ?? undefined,
    });
    return { token, user: updated };
  });
}

/** Ends the session the viewer used; API keys are revoked with `revokeApiKey` instead. */
export async function logout(ctx: Context): Promise<boolean> {
  const viewer = requireViewer(ctx);
  if (viewer.tokenId === null) throw new BadUserInputError('This request was not made with a session token');
  await deleteAccessToken(ctx.db, viewer.tokenId);
  accessChanged(ctx, [viewer.userId]);
  return true;
}

/** Changes the viewer's password and ends their other sessions. */
export async function changePassword(ctx: Context, currentPassword: string, newPassword: string): Promise<boolean> {
  const viewer = requireViewer(ctx);
  if (newPassword.length < 6) throw new BadUserInputError('password must be at least 6 characters', 'newPassword');
  const user = await findUserById(ctx.db, viewer.userId);
  if (!user) throw new UnauthenticatedError();
  await assertPassword(ctx, user, currentPassword, 'currentPassword', 'The current password is incorrect');
  const hash = await hashPassword(newPassword, ctx.config.bcryptCost);
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    await updateUserRow(trx, user.id, { password_hash: hash, updated_at: new Date().toISOString() });
    await deleteSessionsOfUser(trx, user.id, viewer.tokenId);
  });
  accessChanged(ctx, [user.id]);
  return true;
}

/**
 * Deletes the viewer's account after checking the password: the row stays (content keeps its
 * author) but is marked DELETED, its name, email and credentials are erased. Answers the user's id.
 */
export async function deleteAccount(ctx: Context, password: string): Promise<number> {
  const viewer = requireViewer(ctx);
  const user = await findUserById(ctx.db, viewer.userId);
  if (!user) throw new UnauthenticatedError();
  await assertPassword(ctx, user, password, 'password', 'The password is incorrect');
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const placeholder = `deleted_${user.id}`;
    await updateUserRow(trx, user.id, {
      user_status: UserStatus.DELETED,
      username: placeholder,
      username_key: placeholder,
      email: null,
      email_key: null,
      phone: null,
      address: null,
      password_hash: null,
      sso_id: null,
      updated_at: new Date().toISOString(),
    });
    await deleteSessionsOfUser(trx, user.id);
    await deleteApiKeysOfUser(trx, user.id);
    await record('member.deleted', { user: [user.id] }, user.id);
  });
  accessChanged(ctx, [user.id]);
  return user.id;
}

/**
 * Mails a reset code when the email belongs to a user; answers the same either way, and also when
 * the account already had RESET_REQUESTS_PER_HOUR codes in the last hour (then nothing is sent).
 * A new code voids the account's older ones; a code expires after RESET_CODE_TTL_MS. The mail goes
 * out after the answer; a code the mailer could not deliver is deleted, so the user may ask again.
 */
export async function requestPasswordReset(ctx: Context, email: string): Promise<boolean> {
  const user = await findUserByEmail(ctx.db, email.trim());
  if (!user || user.email === null || LOCKED_OUT_STATUSES.includes(user.user_status)) return true;
  const now = new Date();
  const code = newSecret();
  const sent = await ctx.events.transaction(ctx.db, async ({ trx }) => {
    if ((await countPasswordResetsSince(trx, user.id, new Date(now.getTime() - HOUR_MS).toISOString())) >= RESET_REQUESTS_PER_HOUR) return false;
    await replacePasswordResets(trx, user.id, code, now, new Date(now.getTime() + RESET_CODE_TTL_MS), new Date(now.getTime() - RESET_ROWS_KEPT_MS));
    return true;
  });
  if (!sent) return true;
  // Not awaited: the answer neither waits for the mail server nor tells how it went (that would say
  // the account exists). An undelivered code is deleted; the mailer has logged why, without the body.
  ctx.mailer.send(passwordResetMail(user.email, code, RESET_CODE_TTL_MS / 60_000)).catch(() => deletePasswordReset(ctx.db, storedSecret(code).lookup).catch(() => undefined));
  return true;
}

/** Sets a new password with a mailed reset token; the token works once, and every session ends. */
export async function resetPassword(ctx: Context, token: string, newPassword: string): Promise<boolean> {
  if (newPassword.length < 6) throw new BadUserInputError('password must be at least 6 characters', 'newPassword');
  const row = await findPasswordReset(ctx.db, storedSecret(token).lookup);
  const valid = row && row.used_at === null && row.expires_at > new Date().toISOString() && secretMatches(token, row.token_hash);
  if (!row || !valid) throw new BadUserInputError('The reset code is invalid or has expired', 'token');
  const hash = await hashPassword(newPassword, ctx.config.bcryptCost);
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    await markPasswordResetUsed(trx, row.id, new Date().toISOString());
    await updateUserRow(trx, row.user_id, { password_hash: hash, updated_at: new Date().toISOString() });
    await deleteSessionsOfUser(trx, row.user_id);
  });
  accessChanged(ctx, [row.user_id]);
  return true;
}

/** Signs in with a Facebook or Google token through the configured verifier, creating the user on first use. */
export async function socialLogin(ctx: Context, args: { provider: string; accessToken: string; googleKey: string | null }): Promise<Session> {
  if (!['facebook', 'google'].includes(args.provider)) throw new BadUserInputError('provider must be facebook or google', 'provider');
  if (args.provider === 'google' && !args.googleKey) throw new BadUserInputError('google_key is required for Google', 'googleKey');
  if (!ctx.socialLogin) throw new NotConfiguredError('Social login is not configured on this server');
  const identity = await ctx.socialLogin(args.provider, args.accessToken, { googleKey: args.googleKey });
  if (!identity) throw new UnauthenticatedError('The provider did not accept that access token');
  const ssoId = `${args.provider}:${identity.providerUserId}`;
  return ctx.events.transaction(ctx.db, async (unit) => {
    let user = await findUserBySsoId(unit.trx, ssoId);
    if (!user) {
      if (!identity.email) throw new BadUserInputError('The provider did not share an email address');
      user = await createUserRow({ ...ctx, viewer: null }, unit, { email: identity.email, firstName: identity.name, ssoId });
    }
    if (LOCKED_OUT_STATUSES.includes(user.user_status)) throw new ForbiddenError('This account is not active');
    return { token: await insertAccessToken(unit.trx, user.id, 'session', newSession(ctx, null)), user };
  });
}

/** Sets a user online or offline (self, or any user for admins) and tells presence subscribers. */
export async function setPresence(ctx: Context, userId: number, presence: 'online' | 'offline'): Promise<UserRow> {
  const viewer = requireViewer(ctx);
  if (viewer.userId !== userId && !viewer.isAdmin) throw new ForbiddenError('You may only set your own status');
  const current = await findUserById(ctx.db, userId);
  if (!current || current.user_status === UserStatus.DELETED) throw new NotFoundError(`User ${userId} does not exist`);
  const now = new Date().toISOString();
  const row = await updateUserRow(ctx.db, userId, { presence, last_seen_at: now });
  ctx.pubsub.publish(Topic.PresenceChanged, { userId, presence, lastSeenAt: now });
  return row;
}
