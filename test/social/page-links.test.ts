import { startTestGateway, type TestGateway } from '../support/gateway';
import { expectError, social } from '../support/social';
import { closeGateway } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

const extraOf = async (id: number) => (await gw.app.database.db.selectFrom('pages').select('extra').where('id', '=', id).executeTakeFirstOrThrow()).extra;

describe("a page's call-to-action link takes only http and https", () => {
  test('social update-page-data and GraphQL updatePage(details) refuse call_action_type_url "javascript:…", nothing written', async () => {
    const { token } = await gw.member('cta_owner');
    const created = await social(gw, 'create-page', { page_name: 'cta_page_one', page_title: 'CTA', page_category: 'Music', page_description: 'About it' }, token);
    expect(created.body.api_status).toBe(200);
    const pageId = Number(created.body.page_data.page_id);
    const before = await extraOf(pageId);

    expectError(
      await social(gw, 'update-page-data', { page_id: String(pageId), call_action_type: '1', call_action_type_url: 'javascript:alert(document.cookie)' }, token),
      3,
      /call_action_type_url must be an http or https URL/,
    );
    const res = await gw.gql(
      'mutation($id: ID!, $d: PageDetailsInput) { updatePage(input: { pageId: $id, details: $d }) { id: databaseId } }',
      { id: toGlobalId('Page', pageId), d: { callActionTypeUrl: 'data:text/html,<script>alert(1)</script>' } },
      token,
    );
    expect(res.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'callActionTypeUrl' },
      message: expect.stringMatching(/callActionTypeUrl must be an http or https URL/),
    });
    expect(await extraOf(pageId)).toEqual(before);

    // An http(s) link passes; the handles (instgram, twitter…) stay free text.
    expect((await social(gw, 'update-page-data', { page_id: String(pageId), call_action_type_url: 'https://tickets.example/buy', instgram: 'jazzgram' }, token)).body.api_status).toBe(200);
    expect(JSON.parse((await extraOf(pageId))!)).toMatchObject({ call_action_type_url: 'https://tickets.example/buy', instgram: 'jazzgram' });
  });
});
