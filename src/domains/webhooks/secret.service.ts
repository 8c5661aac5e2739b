import { randomBytes } from 'node:crypto';

/** Bytes of randomness in a signing secret (Standard Webhooks asks for 24 to 64). */
export const SECRET_BYTES = 32;

/** A new Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** A new `webhook-id` for a delivery (the outbox's form: `msg_` and 24 random bytes, base64url); it stays the same across that delivery's retries. */
export function newMessageId(): string {
  return `msg_${randomBytes(24).toString('base64url')}`;
}
