import { toGlobalId } from '../../src/graphql/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Dataset, type DatasetSize, DATASET_PASSWORD, generateDataset } from '../../bench/dataset';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ok } from '../support/graphql';

const TINY: DatasetSize = {
  users: 50,
  boards: 3,
  posts: 200,
  commentsPerPost: 2,
  repliesPerComment: 2,
  reactionsPerPost: 3,
  tags: 10,
  tagsPerPost: 3,
  chats: 10,
  messages: 100,
  fanoutMembers: 20,
};

const POSTS = `{ posts(first: 10) { nodes { id: databaseId commentCount replyCount reactCount
  reactions { s1 s2 s3 s4 s5 s6 } author { id: databaseId username } tags { name } comments { nodes { id: databaseId replyCount replies { nodes { id: databaseId } } } } } } }`;

let dir: string;
let dataset: Dataset;
let gw: TestGateway;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-dataset-'));
  dataset = await generateDataset(join(dir, 'bench.db'), TINY, { progress: false });
  gw = await startTestGateway({ DATABASE_URL: `sqlite:${dataset.file}` });
});
afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the benchmark dataset', () => {
  test('holds the rows its size asks for', async () => {
    expect(await gw.count('posts')).toBe(TINY.posts);
    expect(await gw.count('messages')).toBe(TINY.messages);
    expect(await gw.count('chats')).toBe(TINY.chats);
    expect(await gw.count('tags')).toBe(TINY.tags);
    expect(dataset.tokens).toHaveLength(TINY.fanoutMembers);
    expect(dataset.boardIds).toHaveLength(TINY.boards);
  });

  test('the newest posts come with authors, tags and comments that match their counters', async () => {
    const items = ok(await gw.gql(POSTS)).posts.nodes;
    expect(items).toHaveLength(10);
    for (const post of items) {
      expect(post.author.username).toBe(`user${post.author.id}`);
      expect(post.comments.nodes).toHaveLength(post.commentCount);
      const replies = post.comments.nodes.reduce((sum: number, c: { replyCount: number; replies: { nodes: unknown[] } }) => {
        expect(c.replies.nodes).toHaveLength(c.replyCount);
        return sum + c.replyCount;
      }, 0);
      expect(post.replyCount).toBe(replies);
      const slots = Object.values(post.reactions as Record<string, number>).reduce((sum, n) => sum + n, 0);
      expect(post.reactCount).toBe(slots);
    }
    expect(items.some((post: { tags: unknown[] }) => post.tags.length > 0)).toBe(true);
    expect(items.some((post: { commentCount: number }) => post.commentCount > 0)).toBe(true);
  });

  test('a dataset token signs its user in and shows them the fanout chat', async () => {
    const token = dataset.tokens[3];
    const userId = dataset.tokenUserIds[3];
    expect(ok(await gw.gql('{ viewer { id: databaseId } }', {}, token)).viewer.id).toBe(userId);
    const { chat } = ok(await gw.gql(`{ chat(id: "${toGlobalId('Chat', dataset.fanoutChatId)}") { id: databaseId type participants { userId: userDatabaseId } } }`, {}, token));
    expect(chat).toMatchObject({ id: dataset.fanoutChatId, type: 'GROUP' });
    expect(chat.participants).toHaveLength(TINY.fanoutMembers);
  });

  test('the shared password logs a user in', async () => {
    const res = ok(await gw.gql(`mutation { login(input: { login: "user7", password: "${DATASET_PASSWORD}" }) { user { id: databaseId } } }`));
    expect(res.login.user.id).toBe(7);
  });

  test('the sample post is a board post with comments by the sample user', async () => {
    const { post } = ok(await gw.gql(`{ post(id: "${toGlobalId('Post', dataset.samplePostId)}") { authorId: authorDatabaseId boardId: boardDatabaseId commentCount } }`));
    expect(post.authorId).toBe(dataset.sampleUserId);
    expect(post.boardId).not.toBeNull();
    expect(post.commentCount).toBeGreaterThan(0);
  });
});
