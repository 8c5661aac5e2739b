/**
 * Password-reset mail through a real SMTP server (smtp-server on port 0, with a login): the
 * gateway started with SMTP_URL sends the code from GraphQL and from the social
 * send-reset-password-email door, as text and HTML, and the code read out of the mail sets the new
 * password. A server that refuses the mail: the answer is the same, the log says why without the
 * code, and the undelivered code is deleted (it does not work and does not use up the hourly budget).
 */
import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { social } from '../support/social';
import { waitFor } from '../support/wait';

interface Received {
  from: string;
  to: string[];
  raw: string;
  refused: boolean;
}

let received: Received[] = [];
let refuse = false;
let server: SMTPServer;
let gw: TestGateway;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 'smtp-secret') callback(null, { user: 'mailer' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          refused: refuse,
        });
        if (refuse) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  gw = await startTestGateway({ SMTP_URL: `smtp://mailer:smtp-secret@127.0.0.1:${port}`, MAIL_FROM: 'Gateway <no-reply@example.com>' });
});

afterAll(async () => {
  await gw?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  refuse = false;
});

/** A MIME part's body, decoded from quoted-printable or base64. */
function decode(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** The text/plain and text/html parts of a multipart/alternative mail, and its headers. */
function parts(raw: string): { headers: string; text: string; html: string } {
  const [headers] = raw.split(/\r?\n\r?\n/, 1);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)![1];
  const found: Record<string, string> = {};
  for (const part of raw.split(`--${boundary}`).slice(1, -1)) {
    const split = part.search(/\r?\n\r?\n/);
    const partHeaders = part.slice(0, split);
    const type = /content-type:\s*([^;\r\n]+)/i.exec(partHeaders)![1].trim();
    const encoding = (/content-transfer-encoding:\s*(\S+)/i.exec(partHeaders)?.[1] ?? '7bit').toLowerCase();
    found[type] = decode(part.slice(split).trim(), encoding);
  }
  return { headers, text: found['text/plain'], html: found['text/html'] };
}

async function mailTo(email: string): Promise<Received> {
  await waitFor(() => received.some((mail) => mail.to.includes(email)), 10_000, `a mail to ${email}`);
  return received.find((mail) => mail.to.includes(email))!;
}

/** The code read from the mail: the text's last word, and the HTML's marked code, which must agree. */
function codeIn(mail: Received): string {
  const { headers, text, html } = parts(mail.raw);
  expect(headers).toMatch(/^From: Gateway <no-reply@example\.com>$/m);
  expect(headers).toMatch(/^Subject: Reset your password$/m);
  expect(text).toMatch(/within an hour/);
  expect(text).toMatch(/If it was not you, ignore/);
  expect(html).toMatch(/within an hour/);
  const code = /Your reset code: (\S+)\s*$/.exec(text)![1];
  expect(/<strong data-reset-code>([^<]+)<\/strong>/.exec(html)![1]).toBe(code);
  return code;
}

const RESET = 'mutation($token: String!, $password: String!) { resetPassword(input: { token: $token, newPassword: $password }) }';
const LOGIN = 'mutation($login: String!, $password: String!) { login(input: { login: $login, password: $password }) { token } }';

test('start-up says where mail goes, with the SMTP password hidden', () => {
  const line = gw.logLines.map((l) => JSON.parse(l)).find((entry) => /^mail: /.test(entry.msg));
  expect(line.msg).toMatch(/^mail: sent through smtp:\/\/mailer:\*\*\*@127\.0\.0\.1:\d+ from Gateway <no-reply@example\.com>$/);
  expect(gw.logLines.join('\n')).not.toContain('smtp-secret');
});

test('GraphQL requestPasswordReset mails the code as text and HTML; it sets the new password, then sign-in takes it', async () => {
  const ann = await gw.member('smtp_ann', 'old-password-1');
  expect((await gw.gql('mutation($email: String!) { requestPasswordReset(email: $email) }', { email: ann.email })).body).toEqual({ data: { requestPasswordReset: true } });
  const mail = await mailTo(ann.email);
  expect(mail.from).toBe('no-reply@example.com');
  const code = codeIn(mail);
  expect((await gw.gql(RESET, { token: code, password: 'new-password-1' })).body).toEqual({ data: { resetPassword: true } });
  expect((await gw.gql(LOGIN, { login: 'smtp_ann', password: 'new-password-1' })).body.data.login.token).toEqual(expect.any(String));
  expect((await gw.gql(LOGIN, { login: 'smtp_ann', password: 'old-password-1' })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
});

test('the social send-reset-password-email door mails the code too; the legacy sign-in takes the new password', async () => {
  const bea = await gw.member('smtp_bea', 'old-password-2');
  expect((await social(gw, 'send-reset-password-email', { email: bea.email })).body).toEqual({ api_status: 200 });
  const code = codeIn(await mailTo(bea.email));
  expect((await gw.gql(RESET, { token: code, password: 'new-password-2' })).body).toEqual({ data: { resetPassword: true } });
  const signIn = await social(gw, 'auth', { username: 'smtp_bea', password: 'new-password-2' });
  expect(signIn.body).toMatchObject({ api_status: 200, access_token: expect.any(String) });
});

test('a refused mail: the same answer, the log names the failure without the code, the code is deleted and the budget kept', async () => {
  const cal = await gw.member('smtp_cal', 'old-password-3');
  refuse = true;
  const answers = [];
  // Three refused mails: were their codes kept, the hourly budget of 3 would send no fourth.
  for (let i = 0; i < 3; i++) {
    answers.push((await gw.gql('mutation($email: String!) { requestPasswordReset(email: $email) }', { email: cal.email })).body);
    await waitFor(() => received.length === i + 1, 10_000, 'the refused mail');
  }
  expect(answers).toEqual(Array(3).fill({ data: { requestPasswordReset: true } }));
  const refusedCodes = received.map(codeIn);
  await waitFor(() => gw.logLines.filter((line) => line.includes('"mail failed"')).length === 3, 10_000, 'three failures in the log');
  const failures = gw.logLines.filter((line) => line.includes('"mail failed"')).map((line) => JSON.parse(line));
  expect(failures[0]).toMatchObject({ level: 50, to: cal.email, subject: 'Reset your password', reason: expect.stringMatching(/550 Mailbox unavailable/) });
  const log = gw.logLines.join('\n');
  for (const code of refusedCodes) expect(log).not.toContain(code);
  const rows = () => gw.app.database.db.selectFrom('password_resets').select('id').where('user_id', '=', cal.id).execute();
  await waitFor(async () => (await rows()).length === 0, 10_000, 'the undelivered codes deleted');
  expect((await gw.gql(RESET, { token: refusedCodes[2], password: 'new-password-3' })).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

  refuse = false;
  received = [];
  expect((await social(gw, 'send-reset-password-email', { email: cal.email })).body).toEqual({ api_status: 200 });
  const code = codeIn(await mailTo(cal.email));
  expect((await gw.gql(RESET, { token: code, password: 'new-password-3' })).body).toEqual({ data: { resetPassword: true } });
  expect((await gw.gql(LOGIN, { login: cal.email, password: 'new-password-3' })).body.data.login.token).toEqual(expect.any(String));
});
