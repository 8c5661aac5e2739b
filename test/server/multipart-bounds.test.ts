import { readdirSync } from 'node:fs';
import path from 'node:path';
import { SAMPLES } from '../media/samples';
import { SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { hugeBody, MB, partHeader, postStream } from '../support/multipart-stream';
import { social } from '../support/social';

describe('multipart limits', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ UPLOAD_MAX_BYTES: String(MB) });
  });
  afterAll(() => gw.close());

  const incoming = () => readdirSync(path.join(gw.uploadDir, '.incoming'));

  /** A body that sends one small part and then never ends. */
  async function* neverEnding(): AsyncGenerator<Buffer> {
    yield Buffer.concat([partHeader('server_key'), Buffer.from(`${SERVER_KEY}\r\n`), partHeader('file', 'a.png'), SAMPLES.png]);
    await new Promise(() => undefined);
  }

  test('a bad credential is refused before the body is read, in the family envelope', async () => {
    const chat = await postStream(gw.url, '/api/chats/1/media-messages', neverEnding(), { authorization: 'Bearer wrong' });
    expect(chat).toMatchObject({ status: 401, body: { status: 'error', message: 'Unauthenticated.' } });
    const story = await postStream(gw.url, '/api/create-story?access_token=wrong', neverEnding());
    expect(story.status).toBe(200);
    expect(story.body).toMatchObject({ api_status: '400', errors: { error_text: 'Not logged in: access_token is missing or invalid' } });
  });

  test('a file on a route that takes none is bad input, not a 500, and leaves no file behind', async () => {
    const form = new FormData();
    form.append('server_key', SERVER_KEY);
    form.append('file', new Blob([SAMPLES.png]), 'a.png');
    const settings = await gw.http('POST', '/api/get-site-settings', { multipart: form });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ api_status: '400', errors: { error_text: 'This endpoint takes no file uploads' } });
    const login = new FormData();
    login.append('media', new Blob([SAMPLES.png]), 'a.png');
    const chat = await gw.http('POST', '/api/login', { multipart: login });
    expect(chat.status).toBe(400);
    expect(chat.body).toEqual({ status: 'error', message: 'This endpoint takes no file uploads' });
    expect(incoming()).toEqual([]);
  });

  test('text fields are bounded in number and in bytes, as any other body', async () => {
    const many = new FormData();
    many.append('server_key', SERVER_KEY);
    for (let i = 0; i < 150; i++) many.append(`f${i}`, 'x');
    const fields = await gw.http('POST', '/api/get-site-settings', { multipart: many });
    expect(fields.body).toMatchObject({ api_status: '400', errors: { error_text: 'The request has too many fields' } });
    const large = await postStream(gw.url, '/api/login', hugeBody(3, 0, 0, 'media'));
    expect(large).toMatchObject({ status: 413, body: { status: 'error', message: 'Request body is too large' } });
  });

  test('a signed-in upload past its budget is refused and its temporary files are removed', async () => {
    const member = await social(gw, 'create-account', { username: 'uploader', password: 'secret123', confirm_password: 'secret123', email: 'uploader@example.com' });
    const token = member.body.access_token as string;
    // Twelve files of 1 MB: more than a route takes (ten), sent chunked with no length to check first.
    const answer = await postStream(
      gw.url,
      `/api/create-story?access_token=${token}`,
      (async function* () {
        yield Buffer.concat([partHeader('server_key'), Buffer.from(`${SERVER_KEY}\r\n`)]);
        yield* hugeBody(0, 12, 1, 'file');
      })(),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ api_status: '400', errors: { error_text: expect.stringMatching(/At most 10 files|too large/) } });
    expect(incoming()).toEqual([]);
  });

  test('a signed-in body past its byte budget is cut off with 413, even sent chunked with no length', async () => {
    const member = await gw.member('streamer');
    // One 30 MB file: the part stops counting at UPLOAD_MAX_BYTES (1 MB), the body at about 11 MB.
    const answer = await postStream(gw.url, '/api/chats/1/media-messages', hugeBody(0, 1, 30, 'media'), { authorization: `Bearer ${member.token}` });
    expect(answer).toMatchObject({ status: 413, body: { status: 'error', message: 'Request body is too large' } });
    expect(answer.headers.connection).toBe('close');
    expect(incoming()).toEqual([]);
  });

  test('a valid upload still works and leaves only the stored file', async () => {
    const member = await social(gw, 'create-account', { username: 'storyteller', password: 'secret123', confirm_password: 'secret123', email: 'storyteller@example.com' });
    const form = new FormData();
    form.append('server_key', SERVER_KEY);
    form.append('file', new Blob([SAMPLES.png]), 'a.png');
    const answer = await gw.http('POST', `/api/create-story?access_token=${member.body.access_token}`, { multipart: form });
    expect(answer.body.api_status).toBe(200);
    expect(incoming()).toEqual([]);
  });
});
