import type { Context } from '../../graphql/context.types';
import { NotFoundError } from '../../errors';
import type { PageRow } from '../social/places/page.row';
import { requireMembership } from './membership.guard';

/** The marketing document's answer for a page that is missing, not the caller's, or without a bot. */
export const NO_ENABLED_BOT = 'No Enabled Bot Found';

/**
 * The viewer's own page with its Messenger bot on. A missing page, another user's page and a page
 * whose bot is off all get the same NOT_FOUND, so a caller learns nothing about pages it does not own.
 */
export async function requireBotPage(ctx: Context, pageId: number): Promise<PageRow> {
  const viewer = await requireMembership(ctx);
  const page = await ctx.loaders.page.load(pageId);
  if (!page || page.owner_id !== viewer.userId || page.bot_enabled !== 1) throw new NotFoundError(NO_ENABLED_BOT);
  return page;
}
