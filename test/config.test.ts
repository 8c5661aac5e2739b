import { ConfigError, loadConfig } from '../src/config';

test('defaults: port 4000, SQLite file, bcrypt cost 10, demo data decided by the database', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', databaseUrl: 'sqlite:data/gateway.db', bcryptCost: 10, seedDemo: null, serverKey: null });
});

test.each([
  ['PORT', 'eighty'],
  ['PORT', '70000'],
  ['DATABASE_URL', 'mysql://db'],
  ['SEED_DEMO', 'maybe'],
  ['ADMIN_API_KEY', 'short'],
  ['ADMIN_PASSWORD', 'short'],
  ['ADMIN_EMAIL', 'not-an-email'],
  ['ADMIN_USERNAME', 'has space'],
  ['SERVER_KEY', 'tiny'],
  ['BCRYPT_COST', '4'],
  ['LOG_LEVEL', 'loud'],
])('a bad %s stops start-up with a message naming it', (name, value) => {
  expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}: `));
});
