import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../src/config';
import { loadEnvFile } from '../src/env-file';

const ROOT = path.resolve(__dirname, '..');

/** `NAME=value` and `# NAME=value` lines of .env.example, in order. */
function exampleVariables(): Map<string, string> {
  const variables = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').split('\n')) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    expect(variables.has(match[1])).toBe(false);
    variables.set(match[1], match[2]);
  }
  return variables;
}

/** Every name loadConfig reads, recorded by a proxy over an empty environment, plus its `(env, 'NAME'` literals. */
function configVariables(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy(
    {},
    {
      get(_target, name) {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    },
  );
  loadConfig(env);
  const source = fs.readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');
  for (const match of source.matchAll(/\(env, '([A-Z][A-Z0-9_]*)'/g)) read.add(match[1]);
  return read;
}

/** `process.env.NAME` and `env.NAME` elsewhere in src/ (the .env loader's ENV_FILE, db:copy's DATABASE_URL). */
function otherSourceVariables(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && full !== path.join(ROOT, 'src/config.ts')) {
        for (const match of fs.readFileSync(full, 'utf8').matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]*)\b/g)) found.add(match[1]);
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  return found;
}

test('.env.example lists every variable the code reads, and nothing else', () => {
  const documented = [...exampleVariables().keys()].sort();
  const read = [...new Set([...configVariables(), ...otherSourceVariables()])].sort();
  expect(read.length).toBeGreaterThan(50);
  expect({ missingFromExample: read.filter((name) => !documented.includes(name)), notReadByCode: documented.filter((name) => !read.includes(name)) }).toEqual({
    missingFromExample: [],
    notReadByCode: [],
  });
});

test('each default in .env.example is what the configuration uses when the variable is unset', () => {
  const defaults = loadConfig({});
  const config = configVariables();
  const differing = [...exampleVariables()]
    .filter(([name]) => config.has(name))
    .filter(([name, value]) => !isDeepStrictEqual(loadConfig({ [name]: value }), defaults))
    .map(([name, value]) => `${name}=${value}`);
  expect(differing).toEqual([]);
});

test('the comparison notices a wrong default', () => {
  expect(isDeepStrictEqual(loadConfig({ PORT: '4001' }), loadConfig({}))).toBe(false);
  expect(isDeepStrictEqual(loadConfig({ UPLOAD_TYPES: 'jpg,png' }), loadConfig({}))).toBe(false);
  expect(isDeepStrictEqual(loadConfig({ SEED_DEMO: '1' }), loadConfig({}))).toBe(false);
});

test('.env.example loads as an env file and sets nothing (every line is commented out)', () => {
  const env: NodeJS.ProcessEnv = { ENV_FILE: '.env.example' };
  expect(loadEnvFile(env, ROOT)).toEqual({ file: path.join(ROOT, '.env.example'), loaded: [] });
});
