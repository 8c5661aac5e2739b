import type { ApiKey } from './api-key.type';

/** An API key row as its owner reads it (never the secret: only its prefix). */
export function toApiKey(row: { id: number; name: string; prefix: string; created_at: string; revoked_at: string | null }): ApiKey {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: new Date(row.created_at), revokedAt: row.revoked_at ? new Date(row.revoked_at) : null };
}
