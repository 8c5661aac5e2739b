import type { Services } from '../../graphql/context.types';
import { notify } from '../social/graph/notification.service';
import { type DeliveryJob, disableSubscription, findDeliveryJob, insertAttempt, releaseClaim, setFailingSince, updateDelivery } from './delivery.repository';
import { type SendResult, sendWebhook } from './delivery.sender';
import { DISABLE_AFTER_MS, honoursRetryAfter, parseRetryAfter, retryDelay } from './retry.policy';
import { ownerMayReceive } from './recipient.rules';
import { webhookHeaders } from './signature';
import { endSpan, SpanKind, startSpan } from '../../tracing';

/** The notification type a subscription's owner gets when it is disabled for failing. */
export const WEBHOOK_DISABLED = 'webhook_disabled';

/** The secrets an attempt signs with: the current one, and the previous one while its grace runs. */
export function signingSecrets(job: Pick<DeliveryJob, 'secret' | 'previous_secret' | 'previous_secret_expires_at'>, now = new Date()): string[] {
  const graceful = job.previous_secret && job.previous_secret_expires_at && job.previous_secret_expires_at > now.toISOString();
  return graceful ? [job.secret, job.previous_secret as string] : [job.secret];
}

/** What became of one attempt: sent, to be retried, given up (after the last retry or on 410), or never sent (owner may not receive). */
export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'cancelled';

/**
 * Makes one attempt of a claimed delivery and records it: success delivers; 410 disables the
 * subscription; other failures reschedule (or fail the delivery after the last attempt), and a
 * subscription failing for 5 days (scaled) is disabled and its owner notified. Returns when the
 * next attempt is due (ms since the epoch), or null when there is none. `onOutcome` hears what
 * became of it once that is recorded (nothing when our own shutdown cut it short).
 */
export async function attemptDelivery(services: Services, id: number, signal?: AbortSignal, onOutcome?: (outcome: DeliveryOutcome) => void): Promise<number | null> {
  const job = await findDeliveryJob(services.db, id);
  if (!job || job.status !== 'pending') return null;
  // An owner who may not receive payloads now (demoted, banned, inactive, deleted): cancelled, never sent.
  if (job.active !== 1 || !ownerMayReceive({ role_id: job.owner_role_id, user_status: job.owner_status })) {
    await updateDelivery(services.db, id, { status: 'cancelled', attemptCount: job.attempt_count, statusCode: null, nextAttemptAt: null });
    onOutcome?.('cancelled');
    return null;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = webhookHeaders(job.message_id, timestamp, job.payload, signingSecrets(job));
  const attemptedAt = new Date().toISOString();
  const span = startSpan('webhook POST', { 'webhook.event': job.event, 'server.address': targetHost(job.target_url), 'webhook.delivery.id': job.id }, SpanKind.CLIENT);
  const result = await sendWebhook(job.target_url, job.payload, headers, { allowPrivateTargets: services.config.webhooks.allowPrivateTargets, signal });
  if (result.statusCode !== null) span?.setAttribute('http.response.status_code', result.statusCode);
  // Not result.error itself: a bad target's message quotes its URL, query and all.
  endSpan(span, result.error === null ? undefined : result.statusCode === null ? 'no response' : `HTTP ${result.statusCode}`);
  // Our own shutdown cut the request short: not the receiver's failure. Release the claim; the next start retries.
  if (signal?.aborted) {
    await releaseClaim(services.db, id);
    return null;
  }
  const next = await recordOutcome(services, job, attemptedAt, result);
  onOutcome?.(result.error === null ? 'delivered' : next === null ? 'failed' : 'retry');
  return next;
}

/** The target's host for a span (never its path or query, which may carry a token). */
function targetHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
}

async function recordOutcome(services: Services, job: DeliveryJob, attemptedAt: string, result: SendResult): Promise<number | null> {
  const { delayScale } = services.config.webhooks;
  const attempts = job.attempt_count + 1;
  const ok = result.error === null;
  return services.events.transaction(services.db, async (unit) => {
    const { trx } = unit;
    await insertAttempt(trx, { deliveryId: job.id, attemptedAt, durationMs: result.durationMs, statusCode: result.statusCode, error: result.error, excerpt: result.excerpt });
    const settle = (status: string, nextAttemptAt: string | null) => updateDelivery(trx, job.id, { status, attemptCount: attempts, statusCode: result.statusCode, nextAttemptAt });
    if (ok) {
      await settle('delivered', null);
      if (job.failing_since !== null) await setFailingSince(trx, job.subscription_id, null);
      return null;
    }
    if (result.statusCode === 410) {
      await settle('failed', null);
      await disableSubscription(trx, job.subscription_id, 'the target answered 410 Gone');
      return null;
    }
    const failingSince = job.failing_since ?? attemptedAt;
    if (job.failing_since === null) await setFailingSince(trx, job.subscription_id, failingSince);
    if (Date.now() - Date.parse(failingSince) >= DISABLE_AFTER_MS * delayScale) {
      await settle('failed', null);
      const reason = `deliveries kept failing since ${failingSince} (last: ${result.error})`;
      await disableSubscription(trx, job.subscription_id, reason);
      // A system notification: nobody did it, so there is no notifier.
      await notify(unit, {
        recipientId: job.user_id,
        notifierId: null,
        type: WEBHOOK_DISABLED,
        refType: 'webhook_subscription',
        refId: job.subscription_id,
        text: `Webhook ${job.subscription_id} was disabled: ${reason}`,
      });
      return null;
    }
    const retryAfter = honoursRetryAfter(result.statusCode) ? parseRetryAfter(result.retryAfter) : null;
    const delay = retryDelay(attempts, delayScale, retryAfter);
    if (delay === null) {
      await settle('failed', null);
      return null;
    }
    const next = Date.now() + delay;
    await settle('pending', new Date(next).toISOString());
    return next;
  });
}
