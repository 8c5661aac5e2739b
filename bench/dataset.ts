/**
 * The benchmark's dataset: a SQLite file migrated by the real migrations, then filled with raw
 * prepared statements in one transaction per phase, so 100k posts and their comments, reactions,
 * tags, chats and messages take seconds. Rows are written the way the services write them, and a
 * seeded generator makes every run the same (except the access tokens, which are real secrets).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import bcrypt from 'bcryptjs';
import type SqliteDatabase from 'better-sqlite3';
import { newSecret, storedSecret } from '../src/auth/secrets';
import { openDatabase, openSqlite } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrate';
import { directKey } from '../src/domains/chats/chat.repository';
import { ChatType } from '../src/domains/chats/chat.type';
import { ENTITY_STATUS } from '../src/domains/content/content-status';
import { cleanText, shortText } from '../src/domains/content/text';
import { ROLE, UserStatus } from '../src/domains/users/user-status';
import { PhaseProgress, type ProgressMode } from './lib/progress';
import { Random } from './lib/random';

/** How much of everything a dataset holds. Averages vary per row; see each field. */
export interface DatasetSize {
  users: number;
  boards: number;
  posts: number;
  /** Average: each post gets 0 to twice this many comments. */
  commentsPerPost: number;
  /** A third of the comments get replies, 1 to this many each. */
  repliesPerComment: number;
  /** Average: each post gets 0 to twice this many reactions, each from a different user. */
  reactionsPerPost: number;
  tags: number;
  /** Each post carries 0 to this many tags, written as hashtags in its content too. */
  tagsPerPost: number;
  /** All chats, the fanout chat included. */
  chats: number;
  messages: number;
  /** Users 1..fanoutMembers get a token and all sit in the fanout group chat. */
  fanoutMembers: number;
}

/** The full benchmark dataset: about a million rows. */
export const FULL: DatasetSize = {
  users: 10_000,
  boards: 20,
  posts: 100_000,
  commentsPerPost: 2,
  repliesPerComment: 2,
  reactionsPerPost: 3,
  tags: 200,
  tagsPerPost: 3,
  chats: 1_000,
  messages: 100_000,
  fanoutMembers: 1_000,
};

/** About a tenth of FULL, for a quick run. */
export const QUICK: DatasetSize = {
  users: 1_000,
  boards: 10,
  posts: 5_000,
  commentsPerPost: 2,
  repliesPerComment: 2,
  reactionsPerPost: 3,
  tags: 50,
  tagsPerPost: 3,
  chats: 100,
  messages: 5_000,
  fanoutMembers: 100,
};

/** What a benchmark needs to know about a generated file. */
export interface Dataset {
  file: string;
  /** Bearer tokens of users 1..fanoutMembers: tokens[i] belongs to tokenUserIds[i]. */
  tokens: string[];
  tokenUserIds: number[];
  /** The group chat every token holder takes part in. */
  fanoutChatId: number;
  boardIds: number[];
  /** A board post that has comments. */
  samplePostId: number;
  /** The author of samplePostId. */
  sampleUserId: number;
}

/** Every generated user's password. */
export const DATASET_PASSWORD = 'bench-password-1';

const MINUTE = 60_000;
const USERS_FROM = Date.UTC(2025, 0, 1);
const POSTS_FROM = Date.UTC(2025, 1, 1);
const MESSAGES_FROM = Date.UTC(2025, 1, 1);
const BOARD_POST_SHARE = 0.85;
const REPLIED_COMMENT_SHARE = 1 / 3;
const DIRECT_CHAT_SHARE = 0.75;
/** Slot 1 (like) is the most common reaction. */
const REACTION_SLOTS = [1, 1, 1, 1, 2, 2, 3, 4, 5, 6];
const WORDS = (
  'gateway board thread answer question release update coffee weekend music travel photo garden recipe ' +
  'football project meeting design bug feature idea review launch market price city river mountain ' +
  'summer winter morning evening friend family school library movie story game team score'
).split(' ');
const FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Dan', 'Eva', 'Finn', 'Grace', 'Hugo', 'Iris', 'Jon', 'Kai', 'Lena'];
const LAST_NAMES = ['Smith', 'Jones', 'Brown', 'Garcia', 'Miller', 'Davis', 'Martin', 'Lopez', 'Clark', 'Young'];
/** What the phases share: the raw connection, the size, the generator and what earlier phases decided. */
interface Generation {
  sqlite: SqliteDatabase.Database;
  size: DatasetSize;
  random: Random;
  mode: ProgressMode;
  /** Per post id: comments, replies, and reactions (index 0 all of them, 1-6 by slot). */
  commentCounts: Int32Array;
  replyCounts: Int32Array;
  reactionCounts: Int32Array[];
  /** Per post id: its tag ids. */
  postTags: number[][];
  /** Per chat id: its participants' user ids. */
  chatMembers: number[][];
}

/** Runs one phase in one transaction and reports it. */
function phase(g: Generation, name: string, total: number, fill: (progress: PhaseProgress) => void): void {
  const progress = new PhaseProgress(g.mode, name, total);
  g.sqlite.transaction(() => fill(progress))();
  progress.finish();
}

function at(from: number, minutes: number): string {
  return new Date(from + minutes * MINUTE).toISOString();
}

function postTime(postId: number): string {
  return at(POSTS_FROM, postId * 5);
}

function insertUsers(g: Generation, passwordHash: string): void {
  const insert = g.sqlite.prepare(
    `INSERT INTO users (id, sid, username, username_key, email, email_key, password_hash, first_name, last_name, role_id, user_status, created_at, updated_at)
     VALUES (@id, @sid, @username, @username, @email, @email, @hash, @first, @last, @role, @status, @at, @at)`,
  );
  phase(g, 'users', g.size.users, (progress) => {
    for (let id = 1; id <= g.size.users; id++) {
      const username = `user${id}`;
      const first = g.random.pick(FIRST_NAMES);
      const last = g.random.pick(LAST_NAMES);
      insert.run({ id, sid: g.random.sid(), username, email: `${username}@bench.test`, hash: passwordHash, first, last, role: ROLE.MEMBER, status: UserStatus.ACTIVE, at: at(USERS_FROM, id) });
      progress.step(1);
    }
  });
}

/** Session tokens stored as insertAccessToken stores them (lookup and hash, no expiry); returns the secrets. */
function insertTokens(g: Generation, userIds: number[]): string[] {
  const insert = g.sqlite.prepare(`INSERT INTO access_tokens (user_id, lookup, token_hash, kind, created_at) VALUES (?, ?, ?, 'session', ?)`);
  const tokens: string[] = [];
  phase(g, 'tokens', userIds.length, (progress) => {
    const now = new Date().toISOString();
    for (const userId of userIds) {
      const token = newSecret();
      const { lookup, hash } = storedSecret(token);
      insert.run(userId, lookup, hash, now);
      tokens.push(token);
      progress.step(1);
    }
  });
  return tokens;
}

function insertBoards(g: Generation): void {
  const insert = g.sqlite.prepare(`INSERT INTO boards (id, board_name, about, display_order, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`);
  for (let id = 1; id <= g.size.boards; id++) {
    const created = at(USERS_FROM, id);
    insert.run(id, `Board ${id}`, `Talk about ${g.random.sentence(2, 4)}`, id, created, created);
  }
}

function tagName(tagId: number): string {
  return `topic${tagId}`;
}

/** Boards, then posts spread over them (some on the timeline), each with its hashtags in the content. */
function insertPosts(g: Generation): void {
  const insert = g.sqlite.prepare(
    `INSERT INTO posts (id, user_id, board_id, headline, content, clean_text, post_short_text, post_status, created_at, updated_at)
     VALUES (@id, @user, @board, @headline, @content, @clean, @short, @status, @at, @at)`,
  );
  phase(g, 'posts', g.size.posts, (progress) => {
    insertBoards(g);
    for (let id = 1; id <= g.size.posts; id++) {
      const board = g.random.chance(BOARD_POST_SHARE) ? g.random.int(1, g.size.boards) : null;
      const tags = g.random.distinct(Math.min(g.random.int(0, g.size.tagsPerPost), g.size.tags), g.size.tags);
      const hashtags = tags.map((tagId) => ` #${tagName(tagId)}`).join('');
      const content = `${g.random.sentence(8, 40)}${hashtags}`;
      const clean = cleanText(content);
      const headline = board === null ? null : `About ${g.random.sentence(2, 5)}`;
      insert.run({ id, user: g.random.int(1, g.size.users), board, headline, content, clean, short: shortText(clean), status: ENTITY_STATUS.ACTIVE, at: postTime(id) });
      g.postTags[id] = tags;
      progress.step(1);
    }
  });
}

/** Comments by random users, a third of them with replies; the comment's reply count is set as it is written. */
function insertComments(g: Generation): void {
  const comment = g.sqlite.prepare(
    `INSERT INTO comments (id, post_id, user_id, content, clean_text, comment_status, reply_count, created_at, updated_at)
     VALUES (@id, @post, @user, @content, @content, @status, @replies, @at, @at)`,
  );
  const reply = g.sqlite.prepare(
    `INSERT INTO replies (comment_id, post_id, user_id, content, clean_text, status, created_at, updated_at)
     VALUES (@comment, @post, @user, @content, @content, @status, @at, @at)`,
  );
  let commentId = 0;
  phase(g, 'comments', g.size.posts, (progress) => {
    for (let post = 1; post <= g.size.posts; post++) {
      const comments = g.random.int(0, Math.round(2 * g.size.commentsPerPost));
      let rows = 0;
      for (let n = 1; n <= comments; n++) {
        commentId += 1;
        const replies = g.random.chance(REPLIED_COMMENT_SHARE) ? g.random.int(1, g.size.repliesPerComment) : 0;
        const time = at(Date.parse(postTime(post)), n * 3);
        comment.run({ id: commentId, post, user: g.random.int(1, g.size.users), content: g.random.sentence(3, 20), status: ENTITY_STATUS.ACTIVE, replies, at: time });
        for (let r = 1; r <= replies; r++) {
          reply.run({ comment: commentId, post, user: g.random.int(1, g.size.users), content: g.random.sentence(2, 12), status: ENTITY_STATUS.ACTIVE, at: at(Date.parse(time), r) });
        }
        g.replyCounts[post] += replies;
        rows += 1 + replies;
      }
      g.commentCounts[post] = comments;
      progress.step(rows);
    }
  });
}

/** One reaction per user and post, in a slot that is usually 1 (like). */
function insertReactions(g: Generation): void {
  const insert = g.sqlite.prepare(`INSERT INTO reactions (user_id, ref_type, ref_id, slot, created_at) VALUES (?, 'POST', ?, ?, ?)`);
  phase(g, 'reactions', g.size.posts, (progress) => {
    for (let post = 1; post <= g.size.posts; post++) {
      const count = Math.min(g.random.int(0, Math.round(2 * g.size.reactionsPerPost)), g.size.users);
      const counts = new Int32Array(7);
      for (const user of g.random.distinct(count, g.size.users)) {
        const slot = g.random.pick(REACTION_SLOTS);
        insert.run(user, post, slot, at(Date.parse(postTime(post)), 1));
        counts[0] += 1;
        counts[slot] += 1;
      }
      g.reactionCounts[post] = counts;
      progress.step(count);
    }
  });
}

/** The tags, their mappings to the posts whose hashtags name them, and each tag's use count. */
function insertTags(g: Generation): void {
  const tag = g.sqlite.prepare(`INSERT INTO tags (id, name, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
  const mapping = g.sqlite.prepare(`INSERT INTO tag_mappings (tag_id, ref_type, ref_id, created_at) VALUES (?, 'POST', ?, ?)`);
  phase(g, 'tags', g.size.posts, (progress) => {
    const created = at(USERS_FROM, 0);
    for (let id = 1; id <= g.size.tags; id++) tag.run(id, tagName(id), tagName(id), created, created);
    for (let post = 1; post <= g.size.posts; post++) {
      for (const tagId of g.postTags[post]) mapping.run(tagId, post, postTime(post));
      progress.step(g.postTags[post].length);
    }
    g.sqlite.exec(`UPDATE tags SET use_count = (SELECT count(*) FROM tag_mappings m WHERE m.tag_id = tags.id)`);
  });
}

/** Chat 1 is the fanout group of users 1..fanoutMembers; the others are direct chats and small groups. */
function insertChats(g: Generation): void {
  const chat = g.sqlite.prepare(`INSERT INTO chats (id, type, title, direct_key, created_by, last_activity_at, created_at) VALUES (@id, @type, @title, @key, @creator, @at, @at)`);
  const participant = g.sqlite.prepare(`INSERT INTO chat_participants (chat_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)`);
  const directKeys = new Set<string>();
  phase(g, 'chats', g.size.chats, (progress) => {
    for (let id = 1; id <= g.size.chats; id++) {
      const members = id === 1 ? Array.from({ length: g.size.fanoutMembers }, (_, i) => i + 1) : chatMembers(g, directKeys);
      const direct = id !== 1 && members.length === 2;
      const created = at(USERS_FROM, g.size.users + id);
      const title = direct ? null : id === 1 ? 'Everyone' : `Group ${id}: ${g.random.sentence(1, 3)}`;
      chat.run({ id, type: direct ? ChatType.DIRECT : ChatType.GROUP, title, key: direct ? directKey(members[0], members[1]) : null, creator: members[0], at: created });
      members.forEach((user, i) => participant.run(id, user, !direct && i === 0 ? 'admin' : 'member', created));
      g.chatMembers[id] = members;
      progress.step(1 + members.length);
    }
  });
}

/** Two users without a direct chat yet, or a group of 3 to 8. */
function chatMembers(g: Generation, directKeys: Set<string>): number[] {
  const wantsDirect = g.random.chance(DIRECT_CHAT_SHARE) && g.size.users >= 2;
  if (wantsDirect) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const pair = g.random.distinct(2, g.size.users);
      const key = directKey(pair[0], pair[1]);
      if (directKeys.has(key)) continue;
      directKeys.add(key);
      return pair;
    }
  }
  return g.random.distinct(Math.min(g.random.int(3, 8), g.size.users), g.size.users);
}

/**
 * Messages from participants of random chats; then, as sendMessage leaves them, each chat's last
 * message and activity time and each sender's read mark at their own latest message.
 */
function insertMessages(g: Generation): void {
  const insert = g.sqlite.prepare(`INSERT INTO messages (id, chat_id, sender_id, body, created_at) VALUES (?, ?, ?, ?, ?)`);
  const lastMessage = g.sqlite.prepare(`UPDATE chats SET last_message_id = ?, last_activity_at = ? WHERE id = ?`);
  const readMark = g.sqlite.prepare(`UPDATE chat_participants SET last_read_message_id = ? WHERE chat_id = ? AND user_id = ?`);
  const latestByChat = new Map<number, { id: number; at: string }>();
  const latestBySender = new Map<string, number>();
  phase(g, 'messages', g.size.messages, (progress) => {
    for (let id = 1; id <= g.size.messages; id++) {
      const chatId = g.random.int(1, g.size.chats);
      const sender = g.random.pick(g.chatMembers[chatId]);
      const time = new Date(MESSAGES_FROM + id * 30_000).toISOString();
      insert.run(id, chatId, sender, g.random.sentence(2, 16), time);
      latestByChat.set(chatId, { id, at: time });
      latestBySender.set(`${chatId}:${sender}`, id);
      progress.step(1);
    }
    for (const [chatId, latest] of latestByChat) lastMessage.run(latest.id, latest.at, chatId);
    for (const [key, messageId] of latestBySender) {
      const [chatId, userId] = key.split(':').map(Number);
      readMark.run(messageId, chatId, userId);
    }
  });
}

/** Posts' comment, reply and reaction counters, and each board's post count and last post time. */
function writeCounters(g: Generation): void {
  const update = g.sqlite.prepare(
    `UPDATE posts SET comment_count = ?, reply_count = ?, react_count = ?, react_s1 = ?, react_s2 = ?, react_s3 = ?, react_s4 = ?, react_s5 = ?, react_s6 = ? WHERE id = ?`,
  );
  phase(g, 'counters', g.size.posts, (progress) => {
    for (let post = 1; post <= g.size.posts; post++) {
      update.run(g.commentCounts[post], g.replyCounts[post], ...g.reactionCounts[post], post);
      progress.step(1);
    }
    g.sqlite.exec(`UPDATE boards SET
      post_count = (SELECT count(*) FROM posts p WHERE p.board_id = boards.id AND p.post_status = ${ENTITY_STATUS.ACTIVE}),
      last_posted_at = (SELECT max(created_at) FROM posts p WHERE p.board_id = boards.id AND p.post_status = ${ENTITY_STATUS.ACTIVE})`);
  });
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

async function createSchema(file: string): Promise<void> {
  const handle = openDatabase(`sqlite:${file}`);
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
}

function assertSize(size: DatasetSize): void {
  if (size.users < 2 || size.boards < 1 || size.chats < 1) throw new Error('a dataset needs 2 users, 1 board and 1 chat at least');
  if (size.fanoutMembers < 1 || size.fanoutMembers > size.users) throw new Error('fanoutMembers must be between 1 and users');
}

function samplePost(sqlite: SqliteDatabase.Database): { id: number; user_id: number } {
  const row = sqlite.prepare(`SELECT id, user_id FROM posts WHERE board_id IS NOT NULL AND comment_count > 0 ORDER BY id DESC LIMIT 1`).get();
  return (row as { id: number; user_id: number } | undefined) ?? { id: 1, user_id: 1 };
}

/**
 * Recreates `file` as a migrated database holding a dataset of `size`. With `progress: true` each
 * phase shows a bar on a terminal (a line elsewhere); left out, one line per phase; false, silent.
 */
export async function generateDataset(file: string, size: DatasetSize, options: { progress?: boolean } = {}): Promise<Dataset> {
  assertSize(size);
  removeDatabaseFiles(file);
  await createSchema(file);
  const sqlite = openSqlite(file);
  sqlite.pragma('cache_size = -262144');
  const g: Generation = {
    sqlite,
    size,
    random: new Random(0x5eed, WORDS),
    mode: options.progress === false ? 'silent' : options.progress && process.stdout.isTTY ? 'bar' : 'lines',
    commentCounts: new Int32Array(size.posts + 1),
    replyCounts: new Int32Array(size.posts + 1),
    reactionCounts: [],
    postTags: [],
    chatMembers: [],
  };
  try {
    const tokenUserIds = Array.from({ length: size.fanoutMembers }, (_, i) => i + 1);
    insertUsers(g, bcrypt.hashSync(DATASET_PASSWORD, 4));
    const tokens = insertTokens(g, tokenUserIds);
    insertPosts(g);
    insertComments(g);
    insertReactions(g);
    insertTags(g);
    insertChats(g);
    insertMessages(g);
    writeCounters(g);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const sample = samplePost(sqlite);
    const boardIds = Array.from({ length: size.boards }, (_, i) => i + 1);
    return { file, tokens, tokenUserIds, fanoutChatId: 1, boardIds, samplePostId: sample.id, sampleUserId: sample.user_id };
  } finally {
    sqlite.close();
  }
}

function tableCounts(file: string): Record<string, number> {
  const sqlite = openSqlite(file);
  try {
    const tables = ['users', 'access_tokens', 'boards', 'posts', 'comments', 'replies', 'reactions', 'tags', 'tag_mappings', 'chats', 'chat_participants', 'messages'];
    return Object.fromEntries(tables.map((table) => [table, (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));
  } finally {
    sqlite.close();
  }
}

/** `ts-node --transpile-only bench/dataset.ts <file> [--quick]`: generates the file and prints a summary. */
async function main(args: string[]): Promise<void> {
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) throw new Error('usage: ts-node --transpile-only bench/dataset.ts <file> [--quick]');
  const size = args.includes('--quick') ? QUICK : FULL;
  const started = Date.now();
  const dataset = await generateDataset(file, size, { progress: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const megabytes = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(`\n${file}: ${megabytes} MB in ${seconds}s`);
  console.table(tableCounts(file));
  console.log(`fanout chat ${dataset.fanoutChatId} with ${dataset.tokens.length} token holders; sample post ${dataset.samplePostId} by user ${dataset.sampleUserId}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
