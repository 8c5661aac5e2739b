import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { isStaff } from '../boards/board.rules';
import { canReadTarget, hiddenBoardIds } from '../content/content-access';
import type { RefType } from '../content/content-status';
import type { Window } from '../../db/keyset';
import type { CreateTagInput } from './tag.input';
import {
  findTagById,
  findTagIdByName,
  findTagIdsByNames,
  incrementTagUseCount,
  insertMissingHashtags,
  insertTag,
  insertTagMapping,
  listTags,
  searchTags,
  tagExists,
  targetExists,
  trendingTags,
  updateTagRow,
} from './tag.repository';
import type { TagRow } from './tag.row';

/** The hashtag form of a display name: lowercase letters, digits and `_` only. */
export function tagName(displayName: string): string {
  const name = displayName
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]/gu, '');
  if (name.length === 0) throw new BadUserInputError('name must hold at least one letter or digit', 'name');
  if (name.length > 64) throw new BadUserInputError('name must be at most 64 characters', 'name');
  return name;
}

/*
 * Reading tags: a hashtag of a post the viewer may not read (in a private or hidden board) does not
 * show, whichever way the tags are read. The board rule is content-access's, the one posts obey.
 */

/** A tag, unless the viewer meets it only on content they may not read. */
export async function readTag(ctx: Context, id: number): Promise<TagRow | undefined> {
  return findTagById(ctx.db, id, await hiddenBoardIds(ctx));
}

/** Tags (all, or those with the given ids), a window of them (one extra row tells whether more exist). */
export async function listReadableTags(ctx: Context, q: Omit<Parameters<typeof listTags>[1], 'hiddenBoardIds'>): Promise<TagRow[]> {
  return listTags(ctx.db, { ...q, hiddenBoardIds: await hiddenBoardIds(ctx) });
}

/** Tags whose name contains the text, a window of them (one extra row tells whether more exist). */
export async function searchReadableTags(ctx: Context, text: string, window: Window): Promise<(TagRow & { rank: number })[]> {
  return searchTags(ctx.db, text, window, await hiddenBoardIds(ctx));
}

/** The tags used most since `since`, counting only uses on content the viewer may read. */
export async function trendingReadableTags(ctx: Context, since: string, limit: number): Promise<TagRow[]> {
  return trendingTags(ctx.db, since, limit, await hiddenBoardIds(ctx));
}

/** The tags of a post, comment, reply or user; none when the viewer may not read the post, comment or reply. */
export async function tagsOfTarget(ctx: Context, refType: RefType, refId: number): Promise<TagRow[]> {
  if (refType !== 'USER' && !(await canReadTarget(ctx, refType, refId))) return [];
  return ctx.loaders.tagsByRef.load({ ref: `${refType}:${refId}`, columns: null });
}

/**
 * A tag's use count as the viewer may know it: `use_count` less the uses in boards they may not
 * read, so a count does not tell how much a private board uses a tag, whichever field shows it.
 */
export async function readableUseCount(ctx: Context, tag: { id: number; useCount: number }): Promise<number> {
  const hidden = await ctx.loaders.hiddenTagUses.load({ tagId: tag.id, hiddenBoardIds: await hiddenBoardIds(ctx) });
  return Math.max(0, tag.useCount - hidden);
}

function requireStaff(ctx: Context): void {
  if (!isStaff(ctx.viewer)) throw new ForbiddenError('Only admins and moderators may manage tags');
}

function columns(input: CreateTagInput) {
  return {
    description: input.description,
    image: input.image,
    og_image: input.ogImage,
    og_title: input.ogTitle,
    og_description: input.ogDescription,
    back_color: input.backColor ?? undefined,
    text_color: input.textColor ?? undefined,
  };
}

async function assertFreeName(trx: Transaction<DB>, name: string, selfId: number | null) {
  const other = await findTagIdByName(trx, name);
  if (other !== undefined && other !== selfId) throw new ConflictError(`A tag named "${name}" already exists`, 'name');
}

export async function createTag(ctx: Context, input: CreateTagInput): Promise<TagRow> {
  requireStaff(ctx);
  const name = tagName(input.name);
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    await assertFreeName(trx, name, null);
    const now = new Date().toISOString();
    return insertTag(trx, { ...columns(input), name, display_name: input.name.trim(), created_at: now, updated_at: now });
  });
}

export async function updateTag(ctx: Context, id: number, input: CreateTagInput): Promise<TagRow> {
  requireStaff(ctx);
  const name = tagName(input.name);
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    if (!(await tagExists(trx, id))) throw new NotFoundError(`Tag ${id} does not exist`);
    await assertFreeName(trx, name, id);
    return updateTagRow(trx, id, { ...columns(input), name, display_name: input.name.trim(), updated_at: new Date().toISOString() });
  });
}

/** Maps tags to a target, creating hashtag tags that do not exist yet; existing mappings stay. */
export async function mapTagNames(trx: Transaction<DB>, refType: RefType, refId: number, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const now = new Date().toISOString();
  await insertMissingHashtags(trx, names, now);
  await mapTagIds(trx, refType, refId, await findTagIdsByNames(trx, names));
}

/** Adds mappings that are missing and counts each new use on its tag. */
export async function mapTagIds(trx: Transaction<DB>, refType: RefType, refId: number, tagIds: number[]): Promise<void> {
  const now = new Date().toISOString();
  for (const tagId of tagIds) {
    if (await insertTagMapping(trx, tagId, refType, refId, now)) await incrementTagUseCount(trx, tagId);
  }
}

/** Staff map a tag to a post, comment, reply or user. */
export async function mapTag(ctx: Context, tagId: number, refType: RefType, refId: number): Promise<TagRow> {
  requireStaff(ctx);
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    // No boards are hidden from staff here: the tag is read whatever it maps.
    const tag = await findTagById(trx, tagId, []);
    if (!tag) throw new NotFoundError(`Tag ${tagId} does not exist`);
    if (!(await targetExists(trx, refType, refId))) throw new NotFoundError(`${refType} ${refId} does not exist`);
    await mapTagIds(trx, refType, refId, [tagId]);
    return tag;
  });
}
