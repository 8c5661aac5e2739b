import { startTestGateway, type TestGateway } from './gateway';

/** A gateway with three posts by `<prefix>author`, each with two comments (the first by `<prefix>commenter`), read as the author. */
export interface PostsWithComments {
  gw: TestGateway;
  token: string;
  /** The statements one operation runs, and its answer (which must have no errors). */
  run(query: string, variables?: Record<string, unknown>): Promise<{ data: any; statements: string[] }>;
}

export async function postsWithComments(prefix: string, postText: (i: number) => string): Promise<PostsWithComments> {
  const gw = await startTestGateway();
  const author = await gw.member(`${prefix}author`);
  const commenter = await gw.member(`${prefix}commenter`);
  const token = author.token;
  for (let i = 0; i < 3; i++) {
    const post = await gw.gql('mutation($c: String!) { createPost(input: { content: $c }) { id } }', { c: postText(i) }, token);
    for (let j = 0; j < 2; j++) {
      await gw.gql(
        'mutation($p: ID!, $c: String!) { createComment(input: { postId: $p, content: $c }) { id } }',
        { p: post.body.data.createPost.id, c: `comment ${j}` },
        j === 0 ? commenter.token : token,
      );
    }
  }
  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    const before = gw.queries.length;
    const res = await gw.gql(query, variables, token);
    expect(res.body.errors).toBeUndefined();
    return { data: res.body.data, statements: gw.queries.slice(before) };
  };
  return { gw, token, run };
}

/** The statements that read from `table`. */
export const from = (statements: string[], table: string) => statements.filter((sql) => new RegExp(`from "${table}"`).test(sql));
