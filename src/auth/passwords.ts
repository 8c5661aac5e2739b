import { randomBytes } from 'node:crypto';
import type * as bcryptjs from 'bcryptjs';
import { onFirstUse } from '../lazy';

// A real cost-10 bcrypt hash (of 24 random bytes nobody kept) to compare against when the user does
// not exist, so a wrong username costs as much time as a wrong password and does not reveal which
// accounts exist. A constant, because hashing it at import added about 0.1 s to every start.
const DUMMY_HASH = '$2b$10$5vFSk0SU.OQoolCKn8qoBOlBA0n/H23eIpqZlMUPx7qpDvuQooNWy';

/** bcryptjs, loaded at the first password hashed or checked: a serving gateway may never need it. */
const bcrypt = onFirstUse(() => {
  const library = require('bcryptjs') as typeof bcryptjs;
  // bcrypt answers a malformed hash at once, which would undo the point: make sure it is whole.
  if (DUMMY_HASH.length !== 60 || library.getRounds(DUMMY_HASH) !== 10) throw new Error('DUMMY_HASH is not a cost-10 bcrypt hash');
  return library;
});

const dummyHashes = new Map<number, Promise<string>>([[10, Promise.resolve(DUMMY_HASH)]]);

/**
 * The hash a missing one is compared against: of the configured cost, so an unknown account takes
 * as many rounds to refuse as a known one. Cost 10 has a constant; another cost hashes a random
 * secret once, at its first use.
 */
function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt().hash(randomBytes(24).toString('base64'), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}

/** Hashes a password with bcrypt at the configured cost (at least 10, or 4 in tests). */
export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt().hash(password, cost);
}

/** Checks a password against a bcrypt hash; a missing hash still takes a comparison at the configured cost. */
export async function passwordMatches(password: string, hash: string | null, cost: number): Promise<boolean> {
  const matches = await bcrypt().compare(password, hash ?? (await dummyHash(cost)));
  return matches && hash !== null;
}
