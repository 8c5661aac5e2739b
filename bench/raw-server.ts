/**
 * The lower bound the gateway is measured against: plain `node:http` and `ws`, the same SQL the
 * gateway's loaders run (prepared once, one statement per level with `IN` lists) and
 * `JSON.stringify`. It answers the feed with the bytes the gateway answers, at `/feed` reading
 * whole rows (`select *`, as the gateway's loaders do) and at `/feed-narrow` only the columns the
 * feed returns (the stricter baseline), and broadcasts chat messages to WebSocket subscribers
 * without GraphQL.
 *
 * Run: ts-node --transpile-only bench/raw-server.ts <sqlite file> (prints "listening <port>").
 */
import http from 'node:http';
import type Sqlite from 'better-sqlite3';
import { WebSocketServer, type WebSocket } from 'ws';
import { openSqlite } from '../src/db/connection';

type Row = Record<string, any>;

// The gateway's own opening, so both run with the same pragmas.
const db = openSqlite(process.argv[2]);

const statements = new Map<string, Sqlite.Statement>();

/** A prepared statement per SQL text, as the gateway's statement cache keeps them. */
function prepared(sqlText: string): Sqlite.Statement {
  let statement = statements.get(sqlText);
  if (!statement) {
    statement = db.prepare(sqlText);
    statements.set(sqlText, statement);
  }
  return statement;
}

const marks = (n: number) => new Array(n).fill('?').join(', ');

/**
 * What each level selects. `wide` is `select *`, as the gateway's loaders read rows today; `narrow`
 * only the columns the feed returns or filters on, as a careful hand-written endpoint would.
 */
interface FeedColumns {
  boards: string;
  posts: string;
  users: string;
  tags: string;
  comments: string;
}

const WIDE: FeedColumns = { boards: '*', posts: '"posts".*', users: '*', tags: '"tags".*, "tag_mappings"."ref_type"', comments: '*' };

const NARROW: FeedColumns = {
  boards: '"id", "is_private", "hidden_type"',
  posts: ['id', 'user_id', 'headline', 'content', 'created_at', 'react_s1', 'react_s2', 'react_s3', 'react_s4', 'react_s5', 'react_s6'].map((c) => `"posts"."${c}"`).join(', '),
  users: '"id", "username", "first_name", "middle_name", "last_name", "avatar"',
  tags: '"tags"."id", "tags"."name"',
  comments: '"id", "post_id", "user_id", "content", "created_at"',
};

function usersByIds(ids: number[], columns: FeedColumns): Map<number, Row> {
  if (ids.length === 0) return new Map();
  const rows = prepared(`select ${columns.users} from "users" where "id" in (${marks(ids.length)})`).all(...ids) as Row[];
  return new Map(rows.map((row) => [row.id, row]));
}

function displayName(row: Row): string {
  const parts = [row.first_name, row.middle_name, row.last_name].filter((p) => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : row.username;
}

function author(row: Row) {
  return { id: row.id, username: row.username, name: displayName(row), avatar: row.avatar };
}

/** The feed: public boards, a page of active posts (one more tells whether there is a next page), then authors, tags, first comments (one more, as the gateway's connection reads), their authors. */
function feed(n: number, columns: FeedColumns): string {
  const boards = prepared(`select ${columns.boards} from "boards"`).all() as Row[];
  const hidden = boards.filter((b) => b.is_private === 1 || b.hidden_type === 1 || b.hidden_type === 2).map((b) => b.id);
  const boardFilter = hidden.length > 0 ? ` and ("posts"."board_id" is null or "posts"."board_id" not in (${marks(hidden.length)}))` : '';
  const posts = prepared(`select ${columns.posts} from "posts" where "posts"."post_status" = ?${boardFilter} order by "posts"."id" desc limit ?`).all(15, ...hidden, n + 1) as Row[];
  const page = posts.slice(0, n);
  const postIds = page.map((p) => p.id);
  const authors = usersByIds([...new Set(page.map((p) => p.user_id))], columns);
  const tagRows = prepared(
    `select ${columns.tags}, "tag_mappings"."ref_id" from "tag_mappings" inner join "tags" on "tags"."id" = "tag_mappings"."tag_id" where ("tag_mappings"."ref_type" = ? and "tag_mappings"."ref_id" in (${marks(postIds.length)})) order by "tags"."name"`,
  ).all('POST', ...postIds) as Row[];
  const comments = prepared(
    `select * from (select ${columns.comments}, row_number() over (partition by "post_id" order by id) as "rn" from "comments" where "post_id" in (${marks(postIds.length)}) and "comment_status" = ?) as "children" where "rn" <= ?`,
  ).all(...postIds, 15, 4) as Row[];
  const commenters = usersByIds([...new Set(comments.map((c) => c.user_id).filter((id) => !authors.has(id)))], columns);
  const tagsByPost = new Map<number, Row[]>();
  for (const tag of tagRows) tagsByPost.set(tag.ref_id, [...(tagsByPost.get(tag.ref_id) ?? []), tag]);
  const commentsByPost = new Map<number, Row[]>();
  for (const comment of comments) commentsByPost.set(comment.post_id, [...(commentsByPost.get(comment.post_id) ?? []), comment]);
  const nodes = page.map((post) => ({
    id: post.id,
    headline: post.headline,
    content: post.content,
    createdAt: new Date(post.created_at).toISOString(),
    author: author(authors.get(post.user_id)!),
    reactions: { s1: post.react_s1, s2: post.react_s2, s3: post.react_s3, s4: post.react_s4, s5: post.react_s5, s6: post.react_s6 },
    tags: (tagsByPost.get(post.id) ?? []).map((tag) => ({ id: tag.id, name: tag.name })),
    comments: {
      nodes: (commentsByPost.get(post.id) ?? []).slice(0, 3).map((comment) => ({
        id: comment.id,
        content: comment.content,
        createdAt: new Date(comment.created_at).toISOString(),
        author: author(authors.get(comment.user_id) ?? commenters.get(comment.user_id)!),
      })),
    },
  }));
  return JSON.stringify({ data: { posts: { nodes, pageInfo: { hasNextPage: posts.length > n } } } }) + '\n';
}

const sockets = new Set<WebSocket>();

/** Stores a message as the gateway does (row and chat's last message) and sends it to every socket. */
function broadcast(chatId: number, senderId: number, text: string): void {
  const now = new Date().toISOString();
  const row = prepared('insert into "messages" ("chat_id", "sender_id", "body", "created_at") values (?, ?, ?, ?) returning *').get(chatId, senderId, text, now) as Row;
  prepared('update "chats" set "last_message_id" = ?, "last_activity_at" = ? where "id" = ?').run(row.id, now, chatId);
  const sender = usersByIds([senderId], WIDE).get(senderId)!;
  const message = { id: row.id, text: row.body, createdAt: new Date(row.created_at).toISOString(), sender: author(sender) };
  const frame = JSON.stringify({ id: 'raw', type: 'next', payload: { data: { messageAdded: message } } });
  for (const socket of sockets) socket.send(frame);
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://raw');
  if (url.pathname === '/feed' || url.pathname === '/feed-narrow') {
    const body = feed(Number(url.searchParams.get('n') ?? 50), url.pathname === '/feed' ? WIDE : NARROW);
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(body);
    return;
  }
  if (url.pathname === '/send' && request.method === 'POST') {
    let data = '';
    request.on('data', (chunk) => (data += chunk));
    request.on('end', () => {
      const { chatId, senderId, text } = JSON.parse(data);
      broadcast(chatId, senderId, text);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    return;
  }
  response.writeHead(404).end();
});

const wss = new WebSocketServer({ server, path: '/ws' });
wss.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  db.close();
  process.exit(0);
});
