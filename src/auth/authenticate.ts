import type { Database } from '../db/connection';
import { deleteAccessToken, findAccessToken, touchAccessToken } from '../domains/users/credential.repository';
import { LOCKED_OUT_STATUSES, ROLE } from '../domains/users/user-status';
import { secretMatches, storedSecret } from './secrets';
import type { AuthScheme, Viewer } from './viewer';
import { findApiKey } from '../domains/users/api-key.repository';

const MAX_SECRET_LENGTH = 512;

/** The viewer for a user row and the scheme it proved itself with. */
export function viewerOf(row: { user_id: number; role_id: number }, scheme: AuthScheme, ids: Partial<Viewer>): Viewer {
  return {
    userId: row.user_id,
    roleId: row.role_id,
    isAdmin: row.role_id === ROLE.ADMIN,
    isModerator: row.role_id === ROLE.MODERATOR,
    scheme,
    tokenId: null,
    apiKeyId: null,
    callingSystem: null,
    ...ids,
  };
}

/** A session's use is written at most this often, so a busy client does not write on every request. */
const MAX_TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Resolves a session token (Bearer, social access_token, browser cookie, WebSocket) to its viewer,
 * or null. Sessions slide: one that was not used for its lifetime (SESSION_TTL when it was created)
 * has ended and is deleted; a use pushes the end forward, written at most every tenth of the
 * lifetime (5 minutes at most), so the end comes up to that much earlier than a full lifetime.
 */
export async function authenticateToken(db: Database, token: string, scheme: AuthScheme): Promise<Viewer | null> {
  if (token.length === 0 || token.length > MAX_SECRET_LENGTH) return null;
  const row = await findAccessToken(db, storedSecret(token).lookup);
  if (!row || !secretMatches(token, row.hash)) return null;
  if (LOCKED_OUT_STATUSES.includes(row.user_status)) return null;
  const now = Date.now();
  if (row.expires_at !== null) {
    const expiresAt = Date.parse(row.expires_at);
    if (expiresAt <= now) {
      await deleteAccessToken(db, row.id);
      return null;
    }
    const lastUsedAt = row.last_used_at === null ? null : Date.parse(row.last_used_at);
    const lifetime = expiresAt - (lastUsedAt ?? now);
    if (lastUsedAt === null || now - lastUsedAt >= Math.min(lifetime / 10, MAX_TOUCH_INTERVAL_MS)) {
      await touchAccessToken(db, row.id, row.last_used_at, new Date(now).toISOString(), new Date(now + lifetime).toISOString());
    }
  }
  return viewerOf(row, scheme, { tokenId: row.id });
}

/** Resolves an API key (community Basic password, marketing api_key) to its viewer, or null. */
export async function authenticateApiKey(db: Database, key: string, scheme: AuthScheme, callingSystem: string | null = null): Promise<Viewer | null> {
  if (key.length === 0 || key.length > MAX_SECRET_LENGTH) return null;
  const row = await findApiKey(db, storedSecret(key).lookup);
  if (!row || row.revoked_at !== null || !secretMatches(key, row.hash)) return null;
  if (LOCKED_OUT_STATUSES.includes(row.user_status)) return null;
  return viewerOf(row, scheme, { apiKeyId: row.id, callingSystem });
}

/** Reads `Authorization: Bearer <token>`; null when absent or another scheme. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** Reads `Authorization: Basic <base64 user:password>`; null when absent or malformed. */
export function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
