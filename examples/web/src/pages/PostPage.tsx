import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { href } from '../route';

const PostDocument = graphql(`
  query PostPage($id: ID!, $after: String) {
    post(id: $id) {
      id
      headline
      cleanText
      createdAt
      commentCount
      author {
        ...Author
      }
      comments(first: 20, after: $after) {
        edges {
          cursor
          node {
            id
            cleanText
            createdAt
            author {
              ...Author
            }
          }
        }
        pageInfo {
          ...NextPage
        }
      }
    }
  }
`);

/** A post and its comments, oldest first, 20 at a time. */
export function PostPage({ id }: { id: string }) {
  const { data, loading, error, fetchMore } = useQuery(PostDocument, { variables: { id } });
  if (error)
    return (
      <p role="alert" className="error">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading the post…</p>;
  const { post } = data;
  if (!post) return <p role="alert">This post is gone or not yours to read.</p>;
  const { edges, pageInfo } = post.comments;

  return (
    <article aria-labelledby="post-title">
      <p>
        <a href={href({ name: 'feed' })}>← Feed</a>
      </p>
      <h1 id="post-title">{post.headline || 'Post'}</h1>
      <p className="meta">
        {post.author.name} · <time dateTime={post.createdAt}>{new Date(post.createdAt).toLocaleString()}</time>
      </p>
      <p className="content">{post.cleanText}</p>
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">Comments ({post.commentCount})</h2>
        <ul className="cards" aria-label="Comments">
          {edges.map(({ node }) => (
            <li key={node.id}>
              <p className="meta">{node.author.name}</p>
              <p>{node.cleanText}</p>
            </li>
          ))}
        </ul>
        {pageInfo.hasNextPage && (
          <button type="button" disabled={loading} onClick={() => void fetchMore({ variables: { after: pageInfo.endCursor } })}>
            More comments
          </button>
        )}
      </section>
    </article>
  );
}
