import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { graphql } from '../gql';
import { href } from '../route';

const PAGE_SIZE = 10;

const FeedDocument = graphql(`
  query Feed($first: Int!, $after: String) {
    feed(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          headline
          shortText
          createdAt
          commentCount
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
`);

const CreatePostDocument = graphql(`
  mutation CreatePost($input: CreatePostInput!) {
    createPost(input: $input) {
      id
    }
  }
`);

/** Writes a timeline post; the feed's first page is then asked for again, so the new post shows on top. */
function Compose() {
  const [content, setContent] = useState('');
  const [createPost, { loading, error }] = useMutation(CreatePostDocument, { refetchQueries: ['Feed'], awaitRefetchQueries: true });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!content.trim()) return;
    await createPost({ variables: { input: { content } } });
    setContent('');
  };
  return (
    <form onSubmit={submit} className="stack compose">
      <label>
        Write a post
        <textarea name="content" rows={3} value={content} onChange={(e) => setContent(e.target.value)} />
      </label>
      <div>
        <button type="submit" disabled={loading}>
          Post
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
    </form>
  );
}

/** The viewer's timeline, a page at a time: "Load more" asks for the page after `endCursor`. */
export function FeedPage() {
  const { data, loading, error, fetchMore } = useQuery(FeedDocument, { variables: { first: PAGE_SIZE } });
  if (error)
    return (
      <p role="alert" className="error">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading the feed…</p>;
  const { edges, pageInfo } = data.feed;

  return (
    <section aria-labelledby="feed-title">
      <h1 id="feed-title">Feed</h1>
      <Compose />
      {edges.length === 0 && <p>Nothing in your feed yet: your posts and those of the people you follow show here.</p>}
      <ul className="cards" aria-label="Posts">
        {edges.map(({ node }) => (
          <li key={node.id}>
            <article>
              <h2>
                <a href={href({ name: 'post', id: node.id })}>{node.headline || node.shortText || 'Untitled post'}</a>
              </h2>
              <p className="meta">
                {node.author.name} · <time dateTime={node.createdAt}>{new Date(node.createdAt).toLocaleString()}</time> · {node.commentCount} comments
              </p>
            </article>
          </li>
        ))}
      </ul>
      {pageInfo.hasNextPage && (
        <button type="button" disabled={loading} onClick={() => void fetchMore({ variables: { after: pageInfo.endCursor } })}>
          Load more
        </button>
      )}
    </section>
  );
}
