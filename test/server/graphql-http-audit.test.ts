/**
 * The GraphQL-over-HTTP conformance audit of the `graphql-http` package against /graphql: no required
 * (MUST) item may fail. Recommendations (SHOULD) that Apollo Server answers its own way are printed,
 * not failed, so the README can list them.
 */
import { type AuditResult, serverAudits } from 'graphql-http';
import { startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

/**
 * fetch with `apollo-require-preflight: true` on every request, as a client that sets Apollo's
 * preflight header sends it.
 */
const fetchWithPreflightHeader: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('apollo-require-preflight', 'true');
  return fetch(input, { ...init, headers });
};

async function runAudit(fetchFn: typeof fetch): Promise<AuditResult[]> {
  const results: AuditResult[] = [];
  for (const audit of serverAudits({ url: `${gw.url}/graphql`, fetchFn })) results.push(await audit.fn());
  return results;
}

function countByStatus(results: AuditResult[]): Record<AuditResult['status'], number> {
  const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

function failures(results: AuditResult[], status: AuditResult['status']): string[] {
  return results.filter((result) => result.status === status).map((result) => `${result.id} ${result.name}`);
}

test('the audit finds no error; its warnings are only the 200-on-request-error recommendations', async () => {
  const results = await runAudit(fetchWithPreflightHeader);
  const counts = countByStatus(results);
  const warnings = failures(results, 'warn');
  console.log(`graphql-http audit: ${JSON.stringify(counts)}\nwarnings:\n${warnings.join('\n')}`);
  expect(results.length).toBeGreaterThan(50);
  expect(failures(results, 'error')).toEqual([]);
  expect(failures(results, 'notice')).toEqual([]);
  // Apollo answers parse, validation and variable-coercion failures with 400 for every Accept
  // (test/server/production.test.ts holds it to that); the spec recommends 200 for application/json.
  for (const warning of warnings) expect(warning).toMatch(/^\w{4} SHOULD use (200 status code|a status code of 200) on .+ when accepting application\/json$/);
  expect(counts.warn).toBe(3);
});

test('without the preflight header nothing is lost: CSRF prevention lets GETs through and the audit sends no simple POST', async () => {
  const plain = await runAudit(fetch);
  const withHeader = await runAudit(fetchWithPreflightHeader);
  expect(failures(plain, 'error')).toEqual([]);
  expect(failures(plain, 'notice')).toEqual([]);
  expect(countByStatus(plain)).toEqual(countByStatus(withHeader));
  const refused = plain.filter((result) => result.status !== 'ok' && /Cross-Site Request Forgery/.test(JSON.stringify(result)));
  expect(refused).toEqual([]);
});
