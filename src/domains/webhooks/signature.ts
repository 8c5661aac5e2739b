import { createHmac } from 'node:crypto';

/** The `whsec_` prefix Standard Webhooks secrets carry before their base64 key. */
const SECRET_PREFIX = 'whsec_';

/** The HMAC key of a `whsec_…` secret: the base64-decoded part after the prefix. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** One Standard Webhooks signature: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`. */
export function sign(secret: string, messageId: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${messageId}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * The `webhook-*` headers of one attempt. Each secret given adds a space-separated signature, so
 * during a rotation's grace period a receiver holding either the new or the old secret verifies.
 */
export function webhookHeaders(messageId: string, timestamp: number, body: string, secrets: string[]): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => sign(secret, messageId, timestamp, body)).join(' '),
  };
}
