import { startTestGateway, type TestGateway } from '../support/gateway';
import { ok as data } from '../support/graphql';
import { closeGateway } from '../support/ws';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

test('siteSettings answers every setting by key except the secret server_key, to anyone', async () => {
  await gw.app.database.db.insertInto('site_settings').values({ key: 'footer_text', value: 'hello' }).execute();
  const { siteSettings } = data(await gw.gql('{ siteSettings }'));
  expect(siteSettings).toMatchObject({ default_language: 'en', footer_text: 'hello' });
  expect(siteSettings).not.toHaveProperty('server_key');
  expect(Object.keys(siteSettings)).toEqual([...Object.keys(siteSettings)].sort());
});
