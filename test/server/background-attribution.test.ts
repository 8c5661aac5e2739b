/**
 * A serving gateway does not track async context (AsyncLocalStorage's hooks cost every promise of
 * every request): background work is told apart from requests only where statements are observed,
 * as tests observe them.
 */
import { backgroundWork, startInBackground } from '../../src/background';
import { openDatabase } from '../../src/db/connection';

test('without a statement observer nothing is attributed; with one, background work is', async () => {
  const serving = openDatabase('sqlite::memory:');
  expect(await startInBackground('sweep', async () => backgroundWork())).toBeUndefined();
  await serving.close();

  const seen: (string | undefined)[] = [];
  const observed = openDatabase('sqlite::memory:', { onQuery: () => seen.push(backgroundWork()) });
  await startInBackground('sweep', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await observed.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  });
  await observed.db.selectNoFrom((eb) => eb.val(2).as('two')).execute();
  expect(seen).toEqual(['sweep', undefined]);
  await observed.close();
});
