import { serialize } from 'cookie';
import type { SocialNewsFeedQuery, SocialPostListQuery } from '../../generated/operations';
import { toGlobalId } from '../../graphql/node';
import type { LegacyRoute } from '../route';
import { he } from '../../lazy';
import { pageSecurityHeaders } from '../../http/security-headers';

export const SESSION_COOKIE = 'gateway_session';
const THIRTY_DAYS = 30 * 24 * 60 * 60;

type FeedPost = SocialNewsFeedQuery['feed']['nodes'][number];

const FEED_FIELDS = /* GraphQL */ `
  fragment FeedPost on Post { id: databaseId content cleanText createdAt commentCount reactions { s1 s2 } author { name username avatar } }
`;

function renderPost(post: FeedPost): string {
  const author = he().escape(post.author.name);
  return `<article class="post" data-post-id="${post.id}">
  <header><strong>${author}</strong> <span>@${he().escape(post.author.username)}</span> <time datetime="${post.createdAt}">${post.createdAt.slice(0, 16).replace('T', ' ')}</time></header>
  <p>${he().escape(post.cleanText)}</p>
  <footer>${post.reactions.s1} likes · ${post.reactions.s2} wonders · ${post.commentCount} comments</footer>
</article>`;
}

const FEED_STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}.post{border-bottom:1px solid #ddd;padding:.75rem 0}time,footer,span{color:#666;font-size:.85rem}';

/** The feed page's security headers: no script, nothing loaded, its one inline style by hash. */
export const FEED_PAGE_HEADERS = pageSecurityHeaders({ inlineStyles: [FEED_STYLE] });

/** The news feed page: server-rendered, every user-written string HTML-escaped. */
function renderFeed(title: string, posts: FeedPost[]): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${he().escape(title)}</title>
<style>${FEED_STYLE}</style></head>
<body>
<h1>${he().escape(title)}</h1>
${posts.length > 0 ? posts.map(renderPost).join('\n') : '<p class="empty">No posts yet.</p>'}
</body>
</html>`;
}

function html(body: string) {
  return { headers: { ...FEED_PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body };
}

export const webRoutes: LegacyRoute[] = [
  {
    method: ['GET', 'POST'],
    path: '/api/set-browser-cookie',
    summary: 'Sign the browser in with an access_token, then go to /get_news_feed',
    auth: 'user',
    params: [{ name: 'access_token', type: 'string', in: 'query', required: true }],
    operation: /* GraphQL */ `query SocialCookieViewer { viewer { id: databaseId } }`,
    respond: (_data, { request }) => {
      const token = String((request.query as Record<string, unknown>).access_token);
      const secure = request.protocol === 'https';
      const cookie = serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: THIRTY_DAYS, secure });
      return { status: 302, headers: { location: '/get_news_feed', 'set-cookie': cookie }, body: '' };
    },
    note: 'A browser link: no server_key. The session cookie is HttpOnly and SameSite=Lax.',
  },
  {
    method: 'GET',
    path: '/get_news_feed',
    summary: "HTML page of latest posts: the viewer's timeline, or a user's, page's or group's posts",
    auth: 'user',
    params: [
      { name: 'user_id', type: 'integer' },
      { name: 'page_id', type: 'integer' },
      { name: 'group_id', type: 'integer' },
    ],
    operation: /* GraphQL */ `
      query SocialNewsFeed { feed(first: 25) { nodes { ...FeedPost } } }
      query SocialPostList($filter: PostsFilter!) { posts(filter: $filter, first: 25) { nodes { ...FeedPost } } }
      ${FEED_FIELDS}
    `,
    operationName: ({ values }) => ((values.user_id ?? values.page_id ?? values.group_id) === undefined ? 'SocialNewsFeed' : 'SocialPostList'),
    variables: ({ values: v }) => ({
      filter: {
        authorId: v.user_id === undefined ? undefined : toGlobalId('User', v.user_id as number),
        pageId: v.page_id === undefined ? undefined : toGlobalId('Page', v.page_id as number),
        groupId: v.group_id === undefined ? undefined : toGlobalId('Group', v.group_id as number),
      },
    }),
    respond: (data: Partial<SocialNewsFeedQuery & SocialPostListQuery>, { values }) => {
      if (data.feed) return html(renderFeed('News feed', data.feed.nodes));
      const title = values.user_id ? 'Posts by this user' : values.page_id ? 'Page posts' : 'Group posts';
      return html(renderFeed(title, data.posts?.nodes ?? []));
    },
    note: 'Signed in by the cookie that /api/set-browser-cookie sets. Page and group filters show posts as pages and groups gain them.',
  },
];
