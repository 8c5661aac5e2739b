import { createArticle } from '../domains/social/listings/article.service';
import { createEvent } from '../domains/social/listings/event.service';
import { followUser } from '../domains/social/graph/follow.service';
import { createGroup, setGroupMembership } from '../domains/social/places/group.service';
import { createMovie } from '../domains/social/listings/movie.service';
import { createPage, setPageLiked } from '../domains/social/places/page.service';
import type { Context, Services } from '../graphql/context.types';

const MOVIES = [
  { name: 'The Long Commit', genre: 'drama', country: 'Norway', releaseYear: 2021, duration: 112, description: 'A team ships on a Friday.' },
  { name: 'Schema Drift', genre: 'thriller', country: 'Japan', releaseYear: 2023, duration: 98, description: 'Nobody printed the schema.' },
  { name: 'Loader', genre: 'comedy', country: 'Brazil', releaseYear: 2024, duration: 91, description: 'One query instead of a hundred.' },
];

/** A day `days` from now, as YYYY-MM-DD. */
const day = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * The social side of the demo, once (skipped when any page exists): the demo accounts follow each
 * other, a page and a group of the premium account, an event, an article, and a few movies.
 */
export async function seedSocial(services: Services, admin: Context, free: Context, premium: Context, progress: (step: string, done: number, total: number) => void): Promise<void> {
  if (await services.db.selectFrom('pages').select('id').limit(1).executeTakeFirst()) return;
  await followUser(free, premium.viewer!.userId);
  await followUser(premium, free.viewer!.userId);
  const page = await createPage(premium, { name: 'gateway_news', title: 'Gateway News', description: 'Release notes and tips.', category: 'Technology' });
  await setPageLiked(free, page.id, true);
  const group = await createGroup(premium, { name: 'graphql_fans', title: 'GraphQL Fans', about: 'Queries, loaders and subscriptions.', category: 'Technology' });
  await setGroupMembership(free, group.id, true);
  await createEvent(premium, {
    name: 'Gateway launch party',
    location: 'Online',
    description: 'Celebrate four APIs becoming one.',
    startDate: day(7),
    startTime: '18:00',
    endDate: day(7),
    endTime: '20:00',
  });
  await createArticle(premium, { title: 'One model, four APIs', description: 'How the gateway unifies them.', content: 'Every legacy endpoint runs a GraphQL operation in-process.', category: 1 });
  for (const movie of MOVIES) await createMovie(admin, movie);
  progress('social', 1, 1);
}
