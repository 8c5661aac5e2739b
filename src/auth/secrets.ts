import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random secret: 32 bytes (256 bits), base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** How a secret is stored: an indexable lookup (a prefix of its hash) and the full SHA-256 hash. */
export interface StoredSecret {
  lookup: string;
  hash: string;
}

export function storedSecret(secret: string): StoredSecret {
  const hash = createHash('sha256').update(secret, 'utf8').digest('hex');
  return { lookup: hash.slice(0, 24), hash };
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(storedSecret(secret).hash, 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A short random id for a user's `sid` (the community API's msid suffix). */
export function newSid(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(25);
  let sid = '';
  for (const byte of bytes) sid += alphabet[byte % alphabet.length];
  return sid;
}
