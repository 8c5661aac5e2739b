import { startTestGateway, type TestGateway } from '../support/gateway';
import { ok as data, newMembers } from '../support/graphql';
import { social } from '../support/social';
import { closeGateway } from '../support/ws';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

const gql = async (query: string, variables: Record<string, unknown>, token: string) => data(await gw.gql(query, variables, token));

/** What another user can learn of Bob's position from nearby searches around points of their choosing. */
async function observe(bobId: number, token: string): Promise<unknown[]> {
  const origins = [
    [48.853721, 2.349014],
    [48.95, 2.35],
    [48.85, 2.5],
    [48.7, 2.2],
  ];
  const seen: unknown[] = [];
  for (const [lat, lng] of origins) {
    const near = await gql('query($f: NearbyUsersFilter) { nearbyUsers(filter: $f, first: 50) { edges { node { id: databaseId } distance } } }', { f: { lat, lng } }, token);
    seen.push(near.nearbyUsers.edges.find((e: any) => e.node.id === bobId)?.distance);
    const legacy = await social(gw, 'get-nearby-users', { lat: String(lat), lng: String(lng), limit: '50' }, token);
    seen.push(legacy.body.nearby_users.find((u: any) => u.user_id === String(bobId))?.distance);
    // A tiny radius around a guessed point answers whether the guess is right.
    const within = await gql('query($f: NearbyUsersFilter) { nearbyUsers(filter: $f) { nodes { id: databaseId } } }', { f: { lat, lng, distance: 0.05 } }, token);
    seen.push(within.nearbyUsers.nodes.some((n: any) => n.id === bobId));
  }
  return seen;
}

describe('exact position through nearby distances', () => {
  test("distances from origins of the caller's choosing do not move when the user moves within ~1 km", async () => {
    const [bob, ann] = await newMembers(gw, 2, 'trilat');
    await social(gw, 'update-user-data', { share_my_location: '1' }, bob.token);
    await gql('mutation { setLocation(input: { lat: 48.853721, lng: 2.349014 }) { lat } }', {}, bob.token);
    const before = await observe(bob.id, ann.token);
    expect(before.filter((d) => typeof d === 'number' || typeof d === 'string')).toHaveLength(8);
    // Bob walks 800 m; an onlooker's searches (GraphQL and social) answer exactly as before.
    await gql('mutation { setLocation(input: { lat: 48.8462, lng: 2.3531 }) { lat } }', {}, bob.token);
    expect(await observe(bob.id, ann.token)).toEqual(before);
  });
});
