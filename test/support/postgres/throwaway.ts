import pg from 'pg';

/** Runs one statement on the server or database `url` names, on a connection of its own; returns its rows. */
export async function runOn<Row = unknown>(url: string, statement: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** A database made for one run (of the tests, the cluster test or the benchmark), and the way to drop it. */
export interface ThrowawayDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database `<prefix>_<time>_<pid>` on the server `serverUrl` names (a URL of any
 * database there, `postgres` say); `drop` removes it, connections and all.
 */
export async function createThrowawayDatabase(serverUrl: string, prefix: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  await runOn(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => dropDatabase(serverUrl, name) };
}

/** Drops a database made by createThrowawayDatabase, connections and all. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await runOn(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
