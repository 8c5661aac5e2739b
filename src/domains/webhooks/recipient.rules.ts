import { LOCKED_OUT_STATUSES, ROLE } from '../users/user-status';

/**
 * Whether a subscription's owner may receive payloads now. Payloads show what an admin sees (emails,
 * private boards), so only an admin whose account is in use does: not a demoted, banned, inactive or
 * deleted one. The rule is read when an event is recorded and again before each attempt; the
 * subscription itself is left as it is, so deliveries resume once its owner is an active admin again.
 */
export function ownerMayReceive(owner: { role_id: number; user_status: number }): boolean {
  return owner.role_id === ROLE.ADMIN && !LOCKED_OUT_STATUSES.includes(owner.user_status);
}
