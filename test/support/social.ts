import { SERVER_KEY, type TestGateway } from './gateway';

type Reply = { status: number; body: any };

/** `?access_token=…` for a token, nothing without one. */
const tokenQuery = (token?: string) => (token ? `?access_token=${encodeURIComponent(token)}` : '');

/** POSTs form fields with the server_key, and the access_token in the query when given. */
export function social(gw: TestGateway, path: string, form: Record<string, string>, token?: string): Promise<Reply> {
  return gw.http('POST', `/api/${path}${tokenQuery(token)}`, { form: { server_key: SERVER_KEY, ...form } });
}

/** A multipart POST: text fields plus file parts `[field, filename, bytes]` (a field may repeat); the access_token in the query when given. */
export function socialMultipart(gw: TestGateway, path: string, fields: Record<string, string>, files: [string, string, Buffer][], token?: string): Promise<Reply> {
  const form = new FormData();
  form.set('server_key', SERVER_KEY);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  for (const [name, filename, bytes] of files) form.append(name, new Blob([new Uint8Array(bytes)]), filename);
  return gw.http('POST', `/api/${path}${tokenQuery(token)}`, { multipart: form });
}

/**
 * The social error envelope, HTTP 200, with `api_status` "400" unless told (a path no endpoint has answers "404").
 * `text` is what error_text must match; `String` takes any string, even an empty one.
 */
export function expectError(res: Reply, errorId: number, text: string | RegExp | StringConstructor = /./, apiStatus = '400'): void {
  expect(res.status).toBe(200);
  const errorText = typeof text === 'function' ? expect.any(String) : expect.stringMatching(text);
  expect(res.body).toEqual({ api_status: apiStatus, errors: { error_id: errorId, error_text: errorText } });
}

/** Row counts of the given tables. */
export async function counts(gw: TestGateway, tables: string[]): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await gw.count(table)])));
}

/** The social user object's keys, as socialUser answers them. */
export const USER_KEYS = [
  'user_id',
  'username',
  'email',
  'first_name',
  'last_name',
  'name',
  'avatar',
  'cover',
  'about',
  'gender',
  'birthday',
  'address',
  'working',
  'school',
  'website',
  'country_id',
  'language',
  'timezone',
  'phone_number',
  'facebook',
  'twitter',
  'linkedin',
  'instagram',
  'youtube',
  'verified',
  'is_pro',
  'pro_type',
  'admin',
  'active',
  'status',
  'lastseen',
  'registered',
  'follow_privacy',
  'message_privacy',
  'lat',
  'lng',
];
