/**
 * Loading the trusted-document manifests (TRUSTED_DOCUMENTS): GraphQL Code Generator's client-preset
 * format, a file or a folder of them; every key proved against its text and every text parsed, a bad
 * manifest stopping the start with one message naming the file and the key.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentHash, TrustedDocuments, TrustedDocumentsError } from '../../src/graphql/trusted-documents';
import { startChildGateway } from '../support/child';

const QUERY = 'query Viewer { viewer { username } }';
const MUTATION = 'mutation Online { setPresence(input: { presence: ONLINE }) { id } }';
const TOKENS = 5000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-manifests-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes `content` (JSON-encoded unless a string) to a new file and returns its path. */
function manifestFile(content: unknown, name = `m${++files}.json`, folder = dir): string {
  const file = join(folder, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

test('a folder: every *.json manifest is loaded, keys bare or sha256:-prefixed; lookups by either id and by text', () => {
  const folder = join(dir, 'apps');
  mkdirSync(folder);
  manifestFile({ [documentHash(QUERY)]: QUERY }, 'web.json', folder);
  manifestFile({ [`sha256:${documentHash(MUTATION)}`]: MUTATION }, 'mobile.json', folder);
  manifestFile('not a manifest', 'README.md', folder);
  const documents = TrustedDocuments.load(folder, TOKENS);
  expect(documents.size).toBe(2);
  expect(documents.files).toEqual([join(folder, 'mobile.json'), join(folder, 'web.json')]);
  expect(documents.get(`sha256:${documentHash(QUERY)}`)).toBe(QUERY);
  expect(documents.get(documentHash(MUTATION))).toBe(MUTATION);
  expect(documents.get(`sha256:${'0'.repeat(64)}`)).toBeUndefined();
  expect(documents.get('x-custom:id')).toBeUndefined();
  expect(documents.hasText(QUERY)).toBe(true);
  expect(documents.hasText(`${QUERY}\n`)).toBe(false);
});

test.each([
  ['a key that is not the SHA-256 of its text', () => ({ [documentHash(MUTATION)]: QUERY }), /key "[0-9a-f]{64}": the key is not the SHA-256 of its document/],
  ['a key that is no hash', () => ({ Viewer: QUERY }), /key "Viewer": a key must be the document's SHA-256/],
  ['a text that does not parse', () => ({ [documentHash('query {')]: 'query {' }), /key "[0-9a-f]{64}": the document does not parse \(Syntax Error/],
  ['a text with no operation', () => ({ [documentHash('fragment F on User { id }')]: 'fragment F on User { id }' }), /the document does not parse \(it has no operation\)/],
  ['a value that is not a string', () => ({ [documentHash(QUERY)]: { query: QUERY } }), /the value must be the document's text/],
  ['an array', () => [QUERY], /expected a JSON object/],
  ['a file that is not JSON', () => '{ "abc": ', /not a readable JSON manifest/],
])('%s stops the load with a message naming the file and key', (_what, content, message) => {
  const file = manifestFile(content());
  expect(() => TrustedDocuments.load(file, TOKENS)).toThrow(TrustedDocumentsError);
  expect(() => TrustedDocuments.load(file, TOKENS)).toThrow(new RegExp(`^TRUSTED_DOCUMENTS: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  expect(() => TrustedDocuments.load(file, TOKENS)).toThrow(message);
});

test('a document over QUERY_MAX_TOKENS, a missing path and a folder with no manifest are refused too', () => {
  const long = `{ ${'viewer { id } '.repeat(100)}}`;
  expect(() => TrustedDocuments.load(manifestFile({ [documentHash(long)]: long }), 200)).toThrow(/the document has more than QUERY_MAX_TOKENS \(200\) tokens/);
  expect(() => TrustedDocuments.load(join(dir, 'nowhere.json'), TOKENS)).toThrow(/nowhere\.json: no such file or folder/);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  expect(() => TrustedDocuments.load(empty, TOKENS)).toThrow(/the folder holds no \*\.json manifest/);
});

describe('the start (src/main.ts)', () => {
  test('a bad manifest stops it with one line naming file and key, exit code 1', async () => {
    const file = manifestFile({ [documentHash(MUTATION)]: QUERY });
    const run = startChildGateway({ DATABASE_URL: `sqlite:${join(dir, 'bad-manifest.db')}`, TRUSTED_DOCUMENTS: file, TRUSTED_DOCUMENTS_ONLY: '1' });
    await expect(run.ready).rejects.toThrow();
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Cannot start: TRUSTED_DOCUMENTS: ${file}, key "${documentHash(MUTATION)}": the key is not the SHA-256 of its document (it is ${documentHash(QUERY)})`);
  }, 60_000);

  test('TRUSTED_DOCUMENTS_ONLY=1 without TRUSTED_DOCUMENTS stops it naming the variable', async () => {
    const run = startChildGateway({ DATABASE_URL: `sqlite:${join(dir, 'no-manifest.db')}`, TRUSTED_DOCUMENTS_ONLY: '1' });
    await expect(run.ready).rejects.toThrow();
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Cannot start: bad environment value TRUSTED_DOCUMENTS_ONLY: set TRUSTED_DOCUMENTS to the manifest');
  }, 60_000);
});
