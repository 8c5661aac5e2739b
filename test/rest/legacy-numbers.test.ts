import { families } from '../../src/rest/families';
import type { LegacyFamily, LegacyRoute, ParamSpec } from '../../src/rest/route';
import { ADMIN_API_KEY, ADMIN_PASSWORD, SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';

/** What no legacy answer may say: GraphQL's own words for a value that does not fit a variable. */
const GRAPHQL_WORDING = /GraphQL|Int cannot represent|Float cannot represent|Variable "\$|got invalid value|Expected value of type|non 32-bit/i;

/** Past the 32-bit range: a Facebook page id is this long. */
const BIG = ['99999999999', '-99999999999', '4294967296', '123456789012345678901234567890'];

let gw: TestGateway;
let adminToken: string;
beforeAll(async () => {
  gw = await startTestGateway();
  const login = await gw.gql('mutation($p: String!) { login(input: { login: "admin", password: $p }) { token } }', { p: ADMIN_PASSWORD });
  adminToken = login.body.data.login.token;
});
afterAll(() => gw.close());

/** A parameter that carries a number: typed integer or number, or an id (or list of ids) read as text. */
function isNumeric(spec: ParamSpec): boolean {
  return spec.type === 'integer' || spec.type === 'number' || /(^ids?$|_ids?$)/.test(spec.name);
}

function sample(spec: ParamSpec): string {
  if (spec.enum) return spec.enum[0];
  return spec.type === 'string' || spec.type === 'file' ? 'x' : spec.type === 'object' ? '{}' : '1';
}

/** One request to a route with `target` set to `value` and every other parameter plausible, the caller an admin. */
async function probe(family: LegacyFamily, route: LegacyRoute, target: string, value: string) {
  const method = [route.method].flat()[0];
  const fields: Record<string, string> = {};
  for (const spec of route.params ?? []) if (spec.required || spec.name === target) fields[spec.name] = spec.name === target ? value : sample(spec);
  if (target.endsWith('ids')) fields[target] = `1,${value}`;
  const path = `${family.prefix}${route.path}`.replace(/:(\w+)/g, (_m, name: string) => {
    const segment = name === target ? value : '1';
    delete fields[name];
    return encodeURIComponent(segment);
  });
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  if (family.name === 'social') {
    fields.server_key = SERVER_KEY;
    query.set('access_token', adminToken);
  } else if (family.name === 'web') {
    query.set('access_token', adminToken);
    headers.cookie = `session=${adminToken}`;
  } else if (family.name === 'chat') {
    headers.authorization = `Bearer ${adminToken}`;
  } else if (family.name === 'community') {
    headers.authorization = `Basic ${Buffer.from(`sweep:${ADMIN_API_KEY}`).toString('base64')}`;
  } else {
    query.set('api_key', ADMIN_API_KEY);
  }
  const asQuery = method === 'GET' || method === 'DELETE';
  if (asQuery) for (const [name, v] of Object.entries(fields)) query.set(name, v);
  else headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`${gw.url}${path}?${query}`, { method, headers, body: asQuery ? undefined : new URLSearchParams(fields).toString() });
  return { status: response.status, text: await response.text() };
}

test("no legacy route answers an over-32-bit number in GraphQL's words, nor with a fault", async () => {
  const cases = families.flatMap((family) =>
    family.routes.flatMap((route) => {
      const numeric = (route.params ?? []).filter(isNumeric).map((spec) => spec.name);
      const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).filter((name) => !numeric.includes(name));
      return [...numeric, ...inPath].flatMap((target) => BIG.map((value) => ({ family, route, target, value })));
    }),
  );
  expect(cases.length).toBeGreaterThan(500);
  const failures: string[] = [];
  for (const { family, route, target, value } of cases) {
    const { status, text } = await probe(family, route, target, value);
    if (GRAPHQL_WORDING.test(text) || status >= 500 || /Internal server error/.test(text)) failures.push(`${family.name} ${route.path} ${target}=${value}: ${status} ${text.slice(0, 200)}`);
  }
  expect(failures).toEqual([]);
});

describe('marketing page_id past the 32-bit range (a Facebook page id)', () => {
  const get = async (path: string, fields: Record<string, string>) => (await gw.http('GET', `/api/${path}?${new URLSearchParams({ api_key: ADMIN_API_KEY, ...fields })}`)).body;

  test('answers the document\'s "No Enabled Bot Found", as for any page without a bot', async () => {
    expect(await get('get_all_labels', { page_id: '104594218963270' })).toEqual({ status: 'error', message: 'No Enabled Bot Found' });
    expect(await get('get_all_labels', { page_id: '12' })).toEqual({ status: 'error', message: 'No Enabled Bot Found' });
    const created = await gw.http('POST', '/api/create_label', { form: { api_key: ADMIN_API_KEY, page_id: '104594218963270', label_name: 'vip' } });
    expect(created.body).toEqual({ status: 'error', message: 'No Enabled Bot Found' });
    expect(await gw.count('labels')).toBe(0);
  });

  test("an optional page_id filter past the range answers as for any page that is not the caller's", async () => {
    expect(await get('get_flow_campaigns', { page_id: '104594218963270' })).toEqual(await get('get_flow_campaigns', { page_id: '12' }));
    const subscriber = (pageId: string) => get('subscriber_information', { subscriber_id: '123', page_id: pageId });
    expect(await subscriber('104594218963270')).toEqual({ status: 'error', message: 'No Enabled Bot Found' });
    expect(await subscriber('104594218963270')).toEqual(await subscriber('12'));
  });

  test("a price past the range is refused in the family's words and writes nothing", async () => {
    const before = await gw.count('products');
    const form = new FormData();
    for (const [k, v] of Object.entries({
      server_key: SERVER_KEY,
      product_title: 'Lamp',
      product_description: 'A lamp',
      product_location: 'Leeds',
      product_price: '99999999999',
      product_category: '1',
      product_type: '0',
    }))
      form.set(k, v);
    const res = await gw.http('POST', `/api/create-product?access_token=${adminToken}`, { multipart: form });
    expect(res.body).toEqual({ api_status: '400', errors: { error_id: 3, error_text: 'product_price must be between -2147483648 and 2147483647' } });
    expect(await gw.count('products')).toBe(before);
  });
});
