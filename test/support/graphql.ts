import type { TestGateway } from './gateway';

/** A registered member as `TestGateway.member` returns it. */
export type Member = { id: number; token: string };

type Response = { status: number; body: any };

/** The data of a GraphQL response; throws with the errors when there are any. */
export function ok(res: Response): any {
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

/** The first error's code, or a description of the success so a failing expectation says what happened. */
export function code(res: Response): string {
  return res.body.errors?.[0]?.extensions?.code ?? `no error: ${JSON.stringify(res.body.data)}`;
}

let batches = 0;
/** `n` fresh members registered at once, named `${prefix}${batch}m${i}` with a new batch number each call. */
export async function newMembers(gw: TestGateway, n: number, prefix: string): Promise<Member[]> {
  const batch = ++batches;
  // One at a time, so ids rise with the index on every dialect (PostgreSQL's pool would interleave them).
  const made: Member[] = [];
  for (let i = 0; i < n; i++) made.push(await gw.member(`${prefix}${batch}m${i}`));
  return made;
}

/** Makes a registered member an admin (the webhook owners of the tests are admins). */
export async function makeAdmin(gw: TestGateway, userId: number): Promise<void> {
  await gw.app.database.db.updateTable('users').set({ role_id: 1 }).where('id', '=', userId).execute();
}
