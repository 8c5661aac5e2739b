import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/** A `.env` file that cannot be read or is not `NAME=value` lines; the message names the file and line. */
export class EnvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

/** What loadEnvFile did: the file it read (null: none) and the names it set. */
export interface EnvFileResult {
  file: string | null;
  loaded: string[];
}

const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=(.*)$/;
const QUOTES = ['"', "'", '`'];

/**
 * Node's parser (process.loadEnvFile, util.parseEnv) silently turns a stray line into part of a
 * name; this refuses it instead. Quoted values may span lines. Values are never echoed: they may be secrets.
 */
function checkLines(file: string, content: string): void {
  const lines = content.split(/\r?\n/);
  let open: { quote: string; line: number } | null = null;
  lines.forEach((line, index) => {
    if (open) {
      if (line.includes(open.quote)) open = null;
      return;
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const match = ASSIGNMENT.exec(line);
    if (!match) throw new EnvFileError(`${file} line ${index + 1}: expected NAME=value or a # comment`);
    const value = match[1].trimStart();
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (quote && !value.slice(1).includes(quote)) open = { quote, line: index + 1 };
  });
  if (open) throw new EnvFileError(`${file} line ${(open as { line: number }).line}: a quoted value is never closed`);
}

/**
 * Loads `ENV_FILE` (else `.env`), relative to the working directory, into `env` with Node's own
 * parser. A variable already in `env` wins over the file. A missing `.env` is no error; a missing
 * `ENV_FILE` or a malformed file throws EnvFileError.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): EnvFileResult {
  const named = env.ENV_FILE?.trim() || null;
  const file = path.resolve(cwd, named ?? '.env');
  const shown = named ?? '.env';
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && named === null) return { file: null, loaded: [] };
    throw new EnvFileError(`${named === null ? shown : `ENV_FILE=${shown}`}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  checkLines(shown, content);
  const loaded: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(content))) {
    if (env[name] !== undefined || value === undefined) continue;
    env[name] = value;
    loaded.push(name);
  }
  return { file, loaded: loaded.sort() };
}
