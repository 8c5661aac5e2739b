import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseGlobalId } from '../../src/graphql/node';
import { SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { newMembers, ok } from '../support/graphql';
import { waitFor } from '../support/wait';
import { pendingRows, postUpload, UPDATE_AVATAR } from './support';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ UPLOAD_CLAIM_TTL: '2' });
});
afterAll(() => gw.close());

const fileOf = (url: string) => join(gw.uploadDir, url.replace('/uploads/', ''));

test('an upload no mutation claims within UPLOAD_CLAIM_TTL is removed, row and file; a claimed one stays', async () => {
  const [alice] = await newMembers(gw, 1, 'sw');
  const unclaimed = (await postUpload(gw, alice.token, 'left.png', SAMPLES.png)).body;
  expect(existsSync(fileOf(unclaimed.url))).toBe(true);
  const claimed = (await postUpload(gw, alice.token, 'used.png', SAMPLES.png)).body;
  ok(await gw.gql(UPDATE_AVATAR, { id: claimed.id }, alice.token));
  expect((await pendingRows(gw)).map((row) => row.id)).not.toContain(parseGlobalId(claimed.id)!.id);
  expect(Date.parse(unclaimed.expiresAt) - Date.now()).toBeLessThanOrEqual(2000);

  await waitFor(async () => (await pendingRows(gw)).length === 0 && !existsSync(fileOf(unclaimed.url)), 5000);
  expect((await fetch(`${gw.url}${unclaimed.url}`)).status).toBe(404);
  expect(existsSync(fileOf(claimed.url))).toBe(true);
  expect((await fetch(`${gw.url}${claimed.url}`)).status).toBe(200);
  // The sweep ran as background work, not inside a request.
  expect(gw.backgroundQueries.some((query) => query.work === 'upload expiry' && /delete from "pending_uploads"/i.test(query.sql))).toBe(true);
});
