import type { Updateable } from 'kysely';
import type { Groups } from '../../../db/schema';
import type { Window } from '../../../db/keyset';
import type { Context } from '../../../graphql/context.types';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../../errors';
import { requireViewer } from '../../shared/viewer.guard';
import type { CreateGroupInput, UpdateGroupInput } from './group.input';
import { JOIN_PRIVACY, PRIVACY } from './group.mapper';
import { addToMemberCount, approvePending, deleteMembership, findGroupById, findGroupByName, findMembership, insertGroup, insertMembership, listGroups, updateGroupRow } from './group.repository';
import { GroupMembership } from './group.type';
import { recordImages, withUploadedImages } from '../../../media/image-slots';
import { uniqueOr } from '../../../db/unique-violation';
import { requiredText } from '../text.rules';
import { type GroupRow, MEMBER_STATUS } from './group.row';

const taken = (name: string) => new ConflictError(`name "${name}" is already taken by another group`, 'name');
const privacy = (isPrivate: boolean) => (isPrivate ? PRIVACY.PRIVATE : PRIVACY.PUBLIC);
const joinPrivacy = (approval: boolean) => (approval ? JOIN_PRIVACY.APPROVAL : JOIN_PRIVACY.OPEN);

export function membershipOf(status: string | null): GroupMembership {
  if (status === MEMBER_STATUS.ACTIVE) return GroupMembership.MEMBER;
  return status === MEMBER_STATUS.PENDING ? GroupMembership.PENDING : GroupMembership.NONE;
}

/** A group by number (through the request's loader) or by name, case-insensitive; null when there is none. */
export async function findGroup(ctx: Context, ref: { id: number } | { name: string }): Promise<GroupRow | null> {
  return 'id' in ref ? ctx.loaders.group.load(ref.id) : ((await findGroupByName(ctx.db, ref.name)) ?? null);
}

/** Groups newest first, a window of them: of one owner, with one member, or all. */
export function groupList(ctx: Context, q: { ownerId: number | null; memberId: number | null }, window: Window): Promise<GroupRow[]> {
  return listGroups(ctx.db, q, window);
}

export async function requireGroup(ctx: Context, id: number): Promise<GroupRow> {
  const row = await findGroupById(ctx.db, id);
  if (!row) throw new NotFoundError(`Group ${id} does not exist`);
  return row;
}

/** Creates a group owned by the viewer, who becomes its first member; its name must be free. */
export async function createGroup(ctx: Context, input: CreateGroupInput): Promise<GroupRow> {
  const viewer = requireViewer(ctx);
  const title = requiredText(input.title, 'title', 100);
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    const row = await insertGroup(trx, {
      owner_id: viewer.userId,
      group_name: input.name,
      group_name_key: input.name.toLowerCase(),
      group_title: title,
      about: input.about?.trim() ?? '',
      category: input.category ?? null,
      privacy: privacy(input.isPrivate ?? false),
      join_privacy: joinPrivacy(input.joinNeedsApproval ?? false),
      member_count: 1,
      created_at: now,
      updated_at: now,
    });
    if (!row) throw taken(input.name);
    await insertMembership(trx, row.id, viewer.userId, MEMBER_STATUS.ACTIVE);
    await record('group.created', { group: [row.id], user: [viewer.userId] }, viewer.userId);
    return row;
  });
}

/** Changes a group: its owner may, and admins. Turning approval off lets pending requests in. */
export async function updateGroup(ctx: Context, id: number, input: Omit<UpdateGroupInput, 'groupId'>): Promise<GroupRow> {
  const viewer = requireViewer(ctx);
  const current = await requireGroup(ctx, id);
  if (current.owner_id !== viewer.userId && !viewer.isAdmin) throw new ForbiddenError("Only the group's owner may change it");
  const columns: Updateable<Groups> = {
    group_title: input.title == null ? undefined : requiredText(input.title, 'title', 100),
    about: input.about == null ? undefined : input.about.trim(),
    category: input.category,
    privacy: input.isPrivate == null ? undefined : privacy(input.isPrivate),
    join_privacy: input.joinNeedsApproval == null ? undefined : joinPrivacy(input.joinNeedsApproval),
  };
  if (input.name != null && input.name !== current.group_name) {
    const other = await findGroupByName(ctx.db, input.name);
    if (other && other.id !== id) throw taken(input.name);
    Object.assign(columns, { group_name: input.name, group_name_key: input.name.toLowerCase() });
  }
  const row = await withUploadedImages(ctx, input, (images) =>
    ctx.events.transaction(ctx.db, async ({ trx, record }) => {
      const values = { ...columns, ...(await recordImages(trx, viewer.userId, input, images)), updated_at: new Date().toISOString() };
      await uniqueOr(updateGroupRow(trx, id, values), `name "${input.name}" is already taken by another group`, 'name');
      await record('group.updated', { group: [id], user: [viewer.userId] }, viewer.userId);
      if (input.joinNeedsApproval === false) {
        const admitted = await approvePending(trx, id);
        if (admitted.length > 0) {
          await addToMemberCount(trx, id, admitted.length);
          await record('group.joined', { group: [id], user: admitted }, viewer.userId);
        }
      }
      return (await findGroupById(trx, id))!;
    }),
  );
  ctx.loaders.group.clear(id).prime(id, row);
  return row;
}

/**
 * Joins or leaves a group for the viewer and keeps its member count. A
 * group that needs approval, or is private, takes a request (PENDING) instead; leaving withdraws
 * one. The owner cannot leave their own group.
 */
export async function setGroupMembership(ctx: Context, id: number, join: boolean): Promise<{ row: GroupRow; membership: GroupMembership }> {
  const viewer = requireViewer(ctx);
  const group = await requireGroup(ctx, id);
  const status = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const current = await findMembership(trx, id, viewer.userId);
    const target = join;
    if (target && current === null) {
      // The group's rules as they are now, in the transaction; a private group admits by approval too.
      const rules = (await findGroupById(trx, id)) ?? group;
      const needsApproval = (rules.join_privacy === JOIN_PRIVACY.APPROVAL || rules.privacy === PRIVACY.PRIVATE) && rules.owner_id !== viewer.userId;
      const next = needsApproval ? MEMBER_STATUS.PENDING : MEMBER_STATUS.ACTIVE;
      if (!(await insertMembership(trx, id, viewer.userId, next))) return findMembership(trx, id, viewer.userId);
      if (next === MEMBER_STATUS.ACTIVE) await addToMemberCount(trx, id, 1);
      await record(needsApproval ? 'group.join_requested' : 'group.joined', { group: [id], user: [viewer.userId] }, viewer.userId);
      return next;
    }
    if (!target && current !== null) {
      if (group.owner_id === viewer.userId) throw new BadUserInputError('The owner cannot leave their own group', 'groupId');
      const removed = await deleteMembership(trx, id, viewer.userId);
      if (removed === MEMBER_STATUS.ACTIVE) await addToMemberCount(trx, id, -1);
      if (removed !== null) await record('group.left', { group: [id], user: [viewer.userId] }, viewer.userId);
      return null;
    }
    return current;
  });
  const row = await requireGroup(ctx, id);
  const key = `${viewer.userId}:${id}`;
  ctx.loaders.groupMembership.clear(key).prime(key, status);
  ctx.loaders.group.clear(id).prime(id, row);
  return { row, membership: membershipOf(status) };
}
