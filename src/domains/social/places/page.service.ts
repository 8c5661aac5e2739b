import type { Updateable } from 'kysely';
import type { Pages } from '../../../db/schema';
import type { Window } from '../../../db/keyset';
import type { Context } from '../../../graphql/context.types';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../../errors';
import { isWebUrl } from '../../site/web-url';
import { requireViewer } from '../../shared/viewer.guard';
import { type CreatePageInput, PAGE_DETAIL_KEYS, type PageDetailField, type PageDetailsInput, type UpdatePageInput } from './page.input';
import { extraOf } from './page.mapper';
import { addToLikeCount, deleteLike, findPageById, findPageByName, insertLike, insertPage, listPages, updatePageRow } from './page.repository';
import { recordImages, withUploadedImages } from '../../../media/image-slots';
import { uniqueOr } from '../../../db/unique-violation';
import { requiredText } from '../text.rules';
import type { PageRow } from './page.row';

const taken = (name: string) => new ConflictError(`name "${name}" is already taken by another page`, 'name');
const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0);

/** A page by number (through the request's loader) or by name, case-insensitive; null when there is none. */
export async function findPage(ctx: Context, ref: { id: number } | { name: string }): Promise<PageRow | null> {
  return 'id' in ref ? ctx.loaders.page.load(ref.id) : ((await findPageByName(ctx.db, ref.name)) ?? null);
}

/** Pages newest first, a window of them: of one owner, the promoted ones, or all. */
export function pageList(ctx: Context, q: { ownerId: number | null; promoted: boolean }, window: Window): Promise<PageRow[]> {
  return listPages(ctx.db, q, window);
}

export async function requirePage(ctx: Context, id: number): Promise<PageRow> {
  const row = await findPageById(ctx.db, id);
  if (!row) throw new NotFoundError(`Page ${id} does not exist`);
  return row;
}

/** Creates a page owned by the viewer; its name must be free (case-insensitive). */
export async function createPage(ctx: Context, input: CreatePageInput): Promise<PageRow> {
  const viewer = requireViewer(ctx);
  const title = requiredText(input.title, 'title', 100);
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    const row = await insertPage(trx, {
      owner_id: viewer.userId,
      page_name: input.name,
      page_name_key: input.name.toLowerCase(),
      page_title: title,
      page_description: input.description?.trim() ?? '',
      page_category: input.category ?? null,
      website: input.website ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
      created_at: now,
      updated_at: now,
    });
    if (!row) throw taken(input.name);
    await record('page.created', { page: [row.id], user: [viewer.userId] }, viewer.userId);
    return row;
  });
}

/** The detail clients put in an `href` (the others are handles and words). */
const LINK_FIELD: PageDetailField = 'callActionTypeUrl';

/**
 * Merges detail changes into the stored `extra` fields: text sets one, null removes it, omitted
 * stays; the call-to-action link only as an http(s) URL, as every other link (see isWebUrl).
 */
function mergedDetails(current: string | null, changes: PageDetailsInput): string {
  const extra = extraOf(current);
  for (const field of Object.keys(PAGE_DETAIL_KEYS) as PageDetailField[]) {
    const value = changes[field];
    const key = PAGE_DETAIL_KEYS[field];
    if (value === undefined) continue;
    if (value === null) delete extra[key];
    else if (value.length > 2048) throw new BadUserInputError(`${field} must be text of at most 2048 characters`, field);
    else if (field === LINK_FIELD && !isWebUrl(value)) throw new BadUserInputError(`${field} must be an http or https URL`, field);
    else extra[key] = value;
  }
  return JSON.stringify(extra);
}

/** Changes a page: its owner may, and admins; verified and promoted are for admins only. */
export async function updatePage(ctx: Context, id: number, input: Omit<UpdatePageInput, 'pageId'>): Promise<PageRow> {
  const viewer = requireViewer(ctx);
  const current = await requirePage(ctx, id);
  if (current.owner_id !== viewer.userId && !viewer.isAdmin) throw new ForbiddenError("Only the page's owner may change it");
  const adminOnly = (['verified', 'promoted'] as const).filter((f) => input[f] != null);
  if (adminOnly.length > 0 && !viewer.isAdmin) throw new ForbiddenError(`Only admins may set ${adminOnly.join(', ')}`);
  const columns: Updateable<Pages> = {
    page_title: input.title == null ? undefined : requiredText(input.title, 'title', 100),
    page_description: input.description == null ? undefined : input.description.trim(),
    page_category: input.category,
    website: input.website,
    phone: input.phone,
    address: input.address,
    bot_enabled: flag(input.botEnabled ?? undefined),
    verified: flag(input.verified ?? undefined),
    promoted: flag(input.promoted ?? undefined),
    extra: input.details ? mergedDetails(current.extra, input.details) : undefined,
  };
  if (input.name != null && input.name !== current.page_name) {
    const other = await findPageByName(ctx.db, input.name);
    if (other && other.id !== id) throw taken(input.name);
    Object.assign(columns, { page_name: input.name, page_name_key: input.name.toLowerCase() });
  }
  const row = await withUploadedImages(ctx, input, (images) =>
    ctx.events.transaction(ctx.db, async ({ trx, record }) => {
      const values = { ...columns, ...(await recordImages(trx, viewer.userId, input, images)), updated_at: new Date().toISOString() };
      const updated = await uniqueOr(updatePageRow(trx, id, values), `name "${input.name}" is already taken by another page`, 'name');
      await record('page.updated', { page: [id], user: [viewer.userId] }, viewer.userId);
      return updated;
    }),
  );
  ctx.loaders.page.clear(id).prime(id, row);
  return row;
}

/**
 * Likes or unlikes a page for the viewer and keeps its like count. A change to the state it
 * already has does nothing.
 */
export async function setPageLiked(ctx: Context, id: number, like: boolean): Promise<{ row: PageRow; liked: boolean }> {
  const viewer = requireViewer(ctx);
  await requirePage(ctx, id);
  const liked = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const target = like;
    if (target && (await insertLike(trx, id, viewer.userId))) {
      await addToLikeCount(trx, id, 1);
      await record('page.liked', { page: [id], user: [viewer.userId] }, viewer.userId);
    } else if (!target && (await deleteLike(trx, id, viewer.userId))) {
      await addToLikeCount(trx, id, -1);
      await record('page.unliked', { page: [id], user: [viewer.userId] }, viewer.userId);
    }
    return target;
  });
  const row = await requirePage(ctx, id);
  const key = `${viewer.userId}:${id}`;
  ctx.loaders.pageLiked.clear(key).prime(key, liked);
  ctx.loaders.page.clear(id).prime(id, row);
  return { row, liked };
}
