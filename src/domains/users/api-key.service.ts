import type { Window } from '../../db/keyset';
import { BadUserInputError, NotFoundError } from '../../errors';
import type { Context } from '../../graphql/context.types';
import { requireViewer } from '../shared/viewer.guard';
import { findApiKeyOwner, insertApiKey, listApiKeys, revokeApiKeyRow } from './api-key.repository';

/** One window of the viewer's API keys (revoked ones too), oldest first. */
export function viewerApiKeys(ctx: Context, window: Window) {
  return listApiKeys(ctx.db, requireViewer(ctx).userId, window);
}

/** Creates an API key for the viewer; the secret is returned now and never again. */
export async function createApiKey(ctx: Context, name: string) {
  const viewer = requireViewer(ctx);
  const label = name.trim();
  if (label.length === 0 || label.length > 100) throw new BadUserInputError('name must be 1-100 characters', 'name');
  return insertApiKey(ctx.db, viewer.userId, label);
}

/** Revokes one of the viewer's API keys (admins may revoke anyone's). */
export async function revokeApiKey(ctx: Context, id: number): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const key = await findApiKeyOwner(ctx.db, id);
  if (!key || (key.user_id !== viewer.userId && !viewer.isAdmin)) throw new NotFoundError(`API key ${id} does not exist`);
  if (key.revoked_at === null) {
    await revokeApiKeyRow(ctx.db, id, new Date().toISOString());
  }
  return true;
}
