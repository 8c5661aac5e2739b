/**
 * The feed every feed scenario asks for: a page of posts with author, reaction counts, tags and
 * the first three comments with their authors. The raw baseline (raw-server.ts) answers the same
 * bytes from the same statements without GraphQL.
 */
export const FEED_QUERY = /* GraphQL */ `
  query BenchFeed($n: Int!) {
    posts(first: $n) {
      nodes {
        id: databaseId
        headline
        content
        createdAt
        author { id: databaseId username name avatar }
        reactions { s1 s2 s3 s4 s5 s6 }
        tags { id: databaseId name }
        comments(first: 3) { nodes { id: databaseId content createdAt author { id: databaseId username name avatar } } }
      }
      pageInfo { hasNextPage }
    }
  }
`;

/** The JSON body of a feed request for `n` posts. */
export function feedRequestBody(n: number): string {
  return JSON.stringify({ query: FEED_QUERY, variables: { n } });
}

/** The subscription every fan-out subscriber holds. */
export const FANOUT_SUBSCRIPTION = /* GraphQL */ `
  subscription BenchMessages($chatId: ID!) {
    messageAdded(chatId: $chatId) { id: databaseId text createdAt sender { id: databaseId username name avatar } }
  }
`;
