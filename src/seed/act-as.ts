import { viewerOf } from '../auth/authenticate';
import { findUserByEmail } from '../domains/users/user.repository';
import { createContext } from '../graphql/context';
import type { Context, Services } from '../graphql/context.types';

/** A context signed in as a seeded user, for the seed's own writes; null when the user is missing. */
export async function actAs(services: Services, email: string): Promise<Context | null> {
  const user = await findUserByEmail(services.db, email);
  return user ? createContext(services, { viewer: viewerOf({ user_id: user.id, role_id: user.role_id }, 'api_key', {}), requestId: 'seed', ip: null }) : null;
}
