import type { Kysely } from 'kysely';
import type { Window } from '../../db/keyset';
import type { DB } from '../../db/schema';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { MAX_FIRST } from '../../graphql/connection';
import { requireViewer } from '../shared/viewer.guard';
import { checkEventNames } from './subscription.rules';
import { newWebhookSecret } from './secret.service';
import {
  countWebhookSubscriptions,
  deleteWebhookSubscriptionRow,
  findWebhookSubscription,
  insertWebhookSubscription,
  listWebhookSubscriptions,
  updateWebhookSubscriptionRow,
} from './subscription.repository';
import type { CreateWebhookSubscriptionInput, UpdateWebhookSubscriptionInput } from './subscription.input';
import type { WebhookSubscriptionRow } from './webhook.row';
import { allowPrivateTargets, checkTargetUrl } from './target-url.service';

/** The longest grace a rotation may give the previous secret: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 24 * 3600;

/**
 * The most subscriptions one user may hold: one page of `webhookSubscriptions`, so the community
 * API's GET /webhooks (one answer, no paging) still lists every subscription of its caller.
 */
export const MAX_SUBSCRIPTIONS_PER_USER = MAX_FIRST;

/** The viewer's subscriptions (an admin may ask for everyone's), oldest first: the window's rows, and a count of all. */
export function viewerSubscriptions(ctx: Context, allUsers: boolean, window: Window): { rows: Promise<WebhookSubscriptionRow[]>; count: () => Promise<number> } {
  const viewer = requireViewer(ctx);
  if (allUsers && !viewer.isAdmin) throw new ForbiddenError("Only admins may list other users' webhook subscriptions");
  const userId = allUsers ? null : viewer.userId;
  return { rows: listWebhookSubscriptions(ctx.db, userId, window), count: () => countWebhookSubscriptions(ctx.db, userId) };
}

/** A subscription the viewer may see (their own; any, for an admin), or null. */
export async function visibleSubscription(ctx: Context, id: number, db: Kysely<DB> = ctx.db): Promise<WebhookSubscriptionRow | null> {
  const viewer = requireViewer(ctx);
  const row = await findWebhookSubscription(db, id);
  return row && (row.user_id === viewer.userId || viewer.isAdmin) ? row : null;
}

/** A subscription the viewer owns; another user's is NotFound, as if it did not exist. */
export async function ownSubscription(ctx: Context, id: number, db: Kysely<DB>): Promise<WebhookSubscriptionRow> {
  const viewer = requireViewer(ctx);
  const row = await findWebhookSubscription(db, id);
  if (!row || row.user_id !== viewer.userId) throw new NotFoundError(`Webhook subscription ${id} does not exist`);
  return row;
}

/** Subscribes the viewer (admins only); the calling system is the community Basic username when it came over REST. */
export async function createSubscription(ctx: Context, input: CreateWebhookSubscriptionInput): Promise<WebhookSubscriptionRow> {
  const viewer = requireViewer(ctx);
  // Payloads show entities as an admin reads them (emails, private boards), so only admins subscribe.
  if (!viewer.isAdmin) throw new ForbiddenError('Only admins may subscribe to webhooks: their payloads carry what an admin sees');
  const events = checkEventNames(input.events);
  const targetUrl = await checkTargetUrl(input.targetUrl, allowPrivateTargets(ctx.config));
  const now = new Date().toISOString();
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    if ((await countWebhookSubscriptions(trx, viewer.userId)) >= MAX_SUBSCRIPTIONS_PER_USER) {
      throw new ConflictError(`A user may hold at most ${MAX_SUBSCRIPTIONS_PER_USER} webhook subscriptions; delete one first`);
    }
    return insertWebhookSubscription(trx, {
      user_id: viewer.userId,
      calling_system: viewer.callingSystem,
      target_url: targetUrl,
      events: JSON.stringify(events),
      secret: newWebhookSecret(),
      active: 1,
      created_at: now,
      updated_at: now,
    });
  });
}

/** Changes events, target or active; turning a subscription back on clears its failure state. */
export async function updateSubscription(ctx: Context, id: number, input: UpdateWebhookSubscriptionInput): Promise<WebhookSubscriptionRow> {
  if (!requireViewer(ctx).isAdmin) throw new ForbiddenError('Only admins may change webhook subscriptions: their payloads carry what an admin sees');
  const events = input.events == null ? undefined : JSON.stringify(checkEventNames(input.events));
  const targetUrl = input.targetUrl == null ? undefined : await checkTargetUrl(input.targetUrl, allowPrivateTargets(ctx.config));
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    await ownSubscription(ctx, id, trx);
    const reactivate = input.active === true ? { disabled_reason: null, failing_since: null } : {};
    const active = input.active == null ? undefined : input.active ? 1 : 0;
    return updateWebhookSubscriptionRow(trx, id, { events, target_url: targetUrl, active, ...reactivate, updated_at: new Date().toISOString() });
  });
}

/**
 * Gives a subscription a new secret. The old one becomes the previous secret until now + grace, so
 * deliveries carry both signatures meanwhile; a grace of 0 drops the old secret at once.
 */
export async function rotateSecret(ctx: Context, id: number, graceSeconds: number): Promise<WebhookSubscriptionRow> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    throw new BadUserInputError(`graceSeconds must be a whole number between 0 and ${MAX_GRACE_SECONDS}`, 'input.graceSeconds');
  }
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const row = await ownSubscription(ctx, id, trx);
    const now = Date.now();
    const grace = graceSeconds > 0;
    return updateWebhookSubscriptionRow(trx, id, {
      secret: newWebhookSecret(),
      previous_secret: grace ? row.secret : null,
      previous_secret_expires_at: grace ? new Date(now + graceSeconds * 1000).toISOString() : null,
      updated_at: new Date(now).toISOString(),
    });
  });
}

/** Removes one of the viewer's subscriptions with its delivery log. */
export async function deleteSubscription(ctx: Context, id: number): Promise<WebhookSubscriptionRow> {
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const row = await ownSubscription(ctx, id, trx);
    await deleteWebhookSubscriptionRow(trx, id);
    return row;
  });
}
