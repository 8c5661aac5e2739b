import type { Insertable, Transaction, Updateable } from 'kysely';
import { hashPassword } from '../../auth/passwords';
import { newSid } from '../../auth/secrets';
import type { Window } from '../../db/keyset';
import type { DB, Users } from '../../db/schema';
import type { UnitOfWork } from '../../events/domain-event.publisher';
import type { Context } from '../../graphql/context.types';
import { fromOptionalGlobalId } from '../../graphql/node';
import { accessChanged } from '../../graphql/pubsub';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { recordImages, withUploadedImages } from '../../media/image-slots';
import type { NewUser, UserChanges, UsersFilter } from './user.input';
import { assertPassword } from './password-check';
import type { UserRow, UserSortKey } from './user.row';
import { privacyColumns } from './privacy.rules';
import { requireViewer } from '../shared/viewer.guard';
import { countUsers, findUserById, findUserByEmail, findUserByUsername, insertUser, listUsers, ssoIdTaken, updateUserRow } from './user.repository';
import { deleteSessionsOfUser } from './credential.repository';
import { roleExists } from './role.repository';
import { livePackageExists } from '../marketing/package.repository';
import { ROLE, UserStatus } from './user-status';

/**
 * Another live user the viewer acts on: yourself is BAD_USER_INPUT ("You cannot <doing> yourself",
 * on `field`), a missing or deleted user NOT_FOUND.
 */
export async function requireOtherUser(ctx: Context, userId: number, doing: string, field = 'userId'): Promise<UserRow> {
  refuseSelf(ctx, userId, doing, field);
  const user = await findUserById(ctx.db, userId);
  assertLiveUser(user, userId);
  return user;
}

/** requireOtherUser's first check, for a caller that reads the user its own way. */
export function refuseSelf(ctx: Context, userId: number, doing: string, field = 'userId'): void {
  if (userId === requireViewer(ctx).userId) throw new BadUserInputError(`You cannot ${doing} yourself`, field);
}

/** requireOtherUser's second check: a missing or deleted user is NOT_FOUND. */
export function assertLiveUser<U extends { user_status: number }>(user: U | null | undefined, userId: number): asserts user is U {
  if (!user || user.user_status === UserStatus.DELETED) throw new NotFoundError(`User ${userId} does not exist`);
}

export function requireAdmin(ctx: Context) {
  const viewer = requireViewer(ctx);
  if (!viewer.isAdmin) throw new ForbiddenError('Only admins may do this');
  return viewer;
}

function assertTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new BadUserInputError(`timezone "${timezone}" is not a known time zone`, 'timezone');
  }
}

async function assertUnique(trx: Transaction<DB>, fields: { username?: string; email?: string }, selfId: number | null) {
  if (fields.username !== undefined) {
    const other = await findUserByUsername(trx, fields.username);
    if (other && other.id !== selfId) throw new ConflictError('That username is already taken', 'username');
  }
  if (fields.email !== undefined) {
    const other = await findUserByEmail(trx, fields.email);
    if (other && other.id !== selfId) throw new ConflictError('That email is already registered', 'email');
  }
}

/** A free username made from an email's local part: `jane.doe`, then `jane.doe2`, … */
async function deriveUsername(trx: Transaction<DB>, email: string): Promise<string> {
  const base = (email.split('@')[0].replace(/[^A-Za-z0-9_.]/g, '') || 'user').slice(0, 28).padEnd(3, '0');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!(await findUserByUsername(trx, candidate))) return candidate;
  }
}

/** Columns an update input sets; `undefined` leaves a column alone. */
export function profileColumns(input: UserChanges, current: Pick<UserRow, 'social_links'> | null): Updateable<Users> {
  if (input.timezone) assertTimezone(input.timezone);
  const links = input.socialLinks ? { ...(current?.social_links ? (JSON.parse(current.social_links) as Record<string, unknown>) : {}), ...input.socialLinks } : undefined;
  return {
    username: input.username,
    username_key: input.username?.toLowerCase(),
    email: input.email,
    email_key: input.email?.toLowerCase(),
    first_name: input.firstName,
    middle_name: input.middleName,
    last_name: input.lastName,
    phone: input.phone,
    address: input.address,
    gender: input.gender,
    birthday: input.birthday,
    about: input.about,
    avatar: input.avatar,
    cover: input.cover,
    website: input.website,
    working: input.working,
    school: input.school,
    country_id: input.countryId,
    timezone: input.timezone,
    lang: input.lang,
    social_links: links ? JSON.stringify(links) : undefined,
    lat: input.lat,
    lng: input.lng,
    follow_privacy: input.followPrivacy,
    message_privacy: input.messagePrivacy,
    user_status: input.status,
    package_id: input.packageId,
    expired_date: input.expiredDate === undefined ? undefined : (input.expiredDate?.toISOString() ?? null),
    ...privacyColumns(input.privacy),
  };
}

async function assertPackage(trx: Transaction<DB>, packageId: number | null | undefined) {
  if (packageId === undefined || packageId === null) return;
  if (!(await livePackageExists(trx, packageId))) throw new NotFoundError(`Package ${packageId} does not exist`);
}

/** Records `member.joined` or `member.joined_waitlist` when a status change makes one true. */
export async function recordMembership(unit: UnitOfWork, userId: number, from: number | null, to: number, actorId: number | null) {
  if (to === from) return;
  if (to === UserStatus.ACTIVE) await unit.record('member.joined', { user: [userId] }, actorId);
  else if (to === UserStatus.WAITLIST) await unit.record('member.joined_waitlist', { user: [userId] }, actorId);
}

/** Inserts a user inside a unit of work: uniqueness, password hash, membership events. */
export async function createUserRow(ctx: Context, unit: UnitOfWork, input: NewUser & { passwordHash?: string | null }): Promise<UserRow> {
  const { trx } = unit;
  const username = input.username ?? (await deriveUsername(trx, input.email));
  await assertUnique(trx, { username, email: input.email }, null);
  await assertPackage(trx, input.packageId);
  if (input.ssoId) {
    if (await ssoIdTaken(trx, input.ssoId)) throw new ConflictError('A user with that sso_id already exists', 'ssoId');
  }
  const roleId = input.roleId ?? ROLE.MEMBER;
  if (!(await roleExists(trx, roleId))) {
    throw new NotFoundError(`Role ${roleId} does not exist`);
  }
  const now = new Date().toISOString();
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password, ctx.config.bcryptCost) : null);
  const values: Insertable<Users> = {
    ...(profileColumns({ ...input, username }, null) as Insertable<Users>),
    sid: newSid(),
    username,
    username_key: username.toLowerCase(),
    password_hash: passwordHash,
    role_id: roleId,
    user_status: input.status ?? UserStatus.ACTIVE,
    sso_id: input.ssoId ?? null,
    created_at: now,
    updated_at: now,
  };
  const row = await insertUser(trx, values);
  await recordMembership(unit, row.id, null, row.user_status, ctx.viewer?.userId ?? row.id);
  return row;
}

/** Admin (or self-service for an account) creation of a user through any door. */
export function createUser(ctx: Context, input: NewUser): Promise<UserRow> {
  requireAdmin(ctx);
  return withUploadedImages(ctx, input, (images) =>
    ctx.events.transaction(ctx.db, async (unit) => {
      const row = await createUserRow(ctx, unit, input);
      if (!images.avatar && !images.cover) return row;
      return updateUserRow(unit.trx, row.id, await recordImages(unit.trx, row.id, input, images));
    }),
  );
}

/**
 * Changes a user. Users change themselves; admins change anyone and alone may set status,
 * package and expiry.
 */
export async function updateUser(ctx: Context, userId: number, input: UserChanges): Promise<UserRow> {
  const viewer = requireViewer(ctx);
  if (viewer.userId !== userId && !viewer.isAdmin) throw new ForbiddenError('You may only change your own profile');
  const adminOnly = (['status', 'packageId', 'expiredDate', 'password'] as const).filter((f) => input[f] !== undefined);
  if (adminOnly.length > 0 && !viewer.isAdmin) throw new ForbiddenError(`Only admins may set ${adminOnly.join(', ')}`);
  const row = await withUploadedImages(ctx, input, (images) =>
    ctx.events.transaction(ctx.db, async (unit) => {
      const current = await findUserById(unit.trx, userId);
      if (!current || current.user_status === UserStatus.DELETED) throw new NotFoundError(`User ${userId} does not exist`);
      if (viewer.userId === userId && changesEmail(input, current)) await assertCurrentPassword(ctx, input.currentPassword, current, 'to change the email');
      await assertUnique(unit.trx, { username: input.username, email: input.email }, userId);
      await assertPackage(unit.trx, input.packageId);
      const columns = profileColumns({ ...input, ...(await recordImages(unit.trx, userId, input, images)) }, current);
      if (input.password) columns.password_hash = await hashPassword(input.password, ctx.config.bcryptCost);
      if (input.newPassword !== undefined) {
        if (viewer.userId !== userId) throw new ForbiddenError('Only the user may change their password this way');
        await assertCurrentPassword(ctx, input.currentPassword, current, 'to set a new password');
        columns.password_hash = await hashPassword(input.newPassword, ctx.config.bcryptCost);
      }
      const row = await updateUserRow(unit.trx, userId, { ...columns, updated_at: new Date().toISOString() });
      if (input.newPassword !== undefined || input.password) {
        await deleteSessionsOfUser(unit.trx, userId, viewer.userId === userId ? viewer.tokenId : null);
      }
      await recordMembership(unit, userId, current.user_status, row.user_status, viewer.userId);
      return row;
    }),
  );
  // A status or password change can end sessions: the user's open sockets check theirs again.
  if (input.status !== undefined || input.password || input.newPassword !== undefined) accessChanged(ctx, [userId]);
  return row;
}

/** Whether an update gives the user another email (case aside: the same address again is no change). */
function changesEmail(input: UserChanges, current: UserRow): boolean {
  return input.email !== undefined && input.email.toLowerCase() !== current.email?.toLowerCase();
}

/**
 * Users prove who they are before changing their own email or password, so a stolen session cannot
 * take the account over. Admins changing someone else do not.
 */
async function assertCurrentPassword(ctx: Context, given: string | undefined, current: UserRow, doing: string): Promise<void> {
  if (!given) throw new BadUserInputError(`currentPassword is required ${doing}`, 'currentPassword');
  await assertPassword(ctx, current, given, 'currentPassword', 'The current password is incorrect');
}

/** Makes a user admin, moderator or member. Admins only; an admin cannot demote themselves. */
export async function setUserRole(ctx: Context, userId: number, roleId: number): Promise<UserRow> {
  const viewer = requireAdmin(ctx);
  if (viewer.userId === userId && roleId !== ROLE.ADMIN) throw new BadUserInputError('An admin cannot demote themselves', 'userId');
  const row = await ctx.events.transaction(ctx.db, async ({ trx }) => {
    if (!(await roleExists(trx, roleId))) {
      throw new NotFoundError(`Role ${roleId} does not exist`);
    }
    const current = await findUserById(trx, userId);
    if (!current || current.user_status === UserStatus.DELETED) throw new NotFoundError(`User ${userId} does not exist`);
    return updateUserRow(trx, userId, { role_id: roleId, updated_at: new Date().toISOString() });
  });
  accessChanged(ctx, [userId]);
  return row;
}

/**
 * A window of users in a sort, and a function that counts them all; ACTIVE ones unless the filter
 * names statuses, and only admins list other statuses.
 */
export async function listUsersInOrder(
  ctx: Context,
  filter: UsersFilter | undefined,
  sort: UserSortKey,
  order: 'asc' | 'desc',
  window: Window,
): Promise<{ rows: UserRow[]; count: () => Promise<number> }> {
  const statuses = filter?.statuses?.length ? filter.statuses : [UserStatus.ACTIVE];
  if (statuses.some((s) => s !== UserStatus.ACTIVE) && !ctx.viewer?.isAdmin) {
    throw new ForbiddenError('Only admins may list users that are not active');
  }
  const q = {
    statuses,
    search: filter?.search ?? null,
    roleId: fromOptionalGlobalId(filter?.roleId, 'Role', 'filter.roleId'),
    pro: filter?.pro ?? null,
  };
  const rows = await listUsers(ctx.db, q, sort, order, window);
  for (const row of rows) ctx.loaders.user.prime(row.id, row);
  return { rows, count: () => countUsers(ctx.db, q) };
}
