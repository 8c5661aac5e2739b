import type { Context } from '../../graphql/context.types';
import type { ActiveSession } from './session.type';

const date = (value: string | null) => (value === null ? null : new Date(value));

/** A session row as the viewer reads it. */
export function toSession(ctx: Context, row: { id: number; created_at: string; last_used_at: string | null; expires_at: string | null; ip: string | null; device_id: string | null }): ActiveSession {
  return {
    id: row.id,
    createdAt: new Date(row.created_at),
    lastUsedAt: date(row.last_used_at),
    expiresAt: date(row.expires_at),
    ip: row.ip,
    deviceId: row.device_id,
    current: row.id === ctx.viewer?.tokenId,
  };
}
