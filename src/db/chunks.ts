/** Values or rows per statement in bulk reads and writes: 500 rows of about 20 columns stay well under SQLite's and PostgreSQL's parameter limits. */
export const CHUNK = 500;

/** Runs `statement` on `items` in slices of CHUNK, one after the other, and returns the rows they answered, in order. */
export async function inChunks<T, R>(items: readonly T[], statement: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) rows.push(...(await statement(items.slice(i, i + CHUNK))));
  return rows;
}
