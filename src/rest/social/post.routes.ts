import type { SocialCommentMutation, SocialPostDataQuery, SocialPostReactionQuery, SocialReactMutation } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { LegacyError, type LegacyInput, type LegacyRoute } from '../route';
import { ok } from './envelope';
import { SOCIAL_POST_FIELDS, socialComment, socialPost } from './post.shape';
import { SOCIAL_USER_FIELDS, socialUser } from './user.shape';
import { fetchKeys } from './fetch-keys';

/** The social API's post actions; `commet` is the document's own spelling and is accepted too. */
const ACTIONS = ['edit', 'delete', 'comment', 'commet', 'like', 'dislike', 'wonder'] as const;
type Action = (typeof ACTIONS)[number];

/** Reaction slots: like is s1; wonder and dislike share s2. */
const SLOT: Partial<Record<Action, number>> = { like: 1, wonder: 2, dislike: 2 };
const PAST: Record<string, string> = { like: 'liked', wonder: 'wondered', dislike: 'disliked' };

const OPERATION: Record<Action, string> = {
  edit: 'SocialEditPost',
  delete: 'SocialDeletePost',
  comment: 'SocialComment',
  commet: 'SocialComment',
  like: 'SocialReact',
  dislike: 'SocialReact',
  wonder: 'SocialReact',
};

function action(input: LegacyInput): Action {
  return input.values.action as Action;
}

const FETCH_KEYS = ['post_data', 'post_comments', 'post_wondered_users', 'post_liked_users'] as const;

export const socialPostRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/post-actions',
    summary: 'Edit or delete a post, comment on it, like, dislike or wonder it (toggles)',
    auth: 'user',
    params: [
      { name: 'post_id', type: 'integer', required: true },
      { name: 'action', type: 'string', required: true, enum: ACTIONS },
      { name: 'text', type: 'string', description: 'Required for edit and comment' },
    ],
    // The toggle: the viewer's current reaction is read first, then the setter takes it back or sets it.
    prelude: {
      operation: /* GraphQL */ `query SocialPostReaction($postId: ID!) { post(id: $postId) { viewerReaction } }`,
      variables: ({ values }) => ({ postId: toGlobalId('Post', values.post_id as number) }),
    },
    operation: /* GraphQL */ `
      mutation SocialEditPost($postId: ID!, $text: String) { updatePost(input: { postId: $postId, content: $text }) { id } }
      mutation SocialDeletePost($postId: ID!) { deletePost(postId: $postId) }
      mutation SocialComment($postId: ID!, $text: String!) { createComment(input: { postId: $postId, content: $text }) { content post { commentCount } } }
      mutation SocialReact($postId: ID!, $slot: Int) { reactToPost(input: { postId: $postId, slot: $slot }) { viewerReaction } }
    `,
    operationName: (input) => OPERATION[action(input)],
    variables: (input) => {
      const { text } = input.values;
      const postId = toGlobalId('Post', input.values.post_id as number);
      const act = action(input);
      if ((act === 'edit' || act === 'comment' || act === 'commet') && !text) throw new LegacyError(ErrorCode.BadUserInput, `text is required to ${act === 'edit' ? 'edit' : 'comment'}`);
      const slot = SLOT[act];
      if (!slot) return { postId, text };
      const current = (input.prelude as SocialPostReactionQuery | undefined)?.post?.viewerReaction ?? null;
      return { postId, slot: current === slot ? null : slot };
    },
    respond: (data: Partial<SocialCommentMutation & SocialReactMutation> & Record<string, unknown>, input) => {
      const act = action(input);
      if (data.createComment) {
        return ok({ action: 'commented', comment_data: { text: data.createComment.content, post_comments_count: String(data.createComment.post.commentCount) } });
      }
      if (data.reactToPost) return ok({ action: data.reactToPost.viewerReaction === null ? `un${PAST[act]}` : PAST[act] });
      return ok({ action: act === 'delete' ? 'deleted' : 'edited' });
    },
    note: 'action=commet (the document\'s spelling) and comment both comment. A second like (or wonder/dislike) takes it back and answers "unliked" ("unwondered", "undisliked").',
  },
  {
    method: 'POST',
    path: '/get-post-data',
    summary: "Get a post's data, comments, and the users who liked or wondered it (fetch keys)",
    auth: 'user',
    params: [
      { name: 'post_id', type: 'integer', required: true },
      { name: 'fetch', type: 'array', required: true, enum: FETCH_KEYS, description: `Comma-separated: ${FETCH_KEYS.join(', ')}` },
    ],
    operation: /* GraphQL */ `
      query SocialPostData($id: ID!, $comments: Boolean!, $liked: Boolean!, $wondered: Boolean!) {
        post(id: $id) {
          ...SocialPost
          comments @include(if: $comments) { nodes { id: databaseId postId: postDatabaseId content createdAt author { ...SocialUser } } }
          liked: reactors(slot: 1) @include(if: $liked) { ...SocialUser }
          wondered: reactors(slot: 2) @include(if: $wondered) { ...SocialUser }
        }
      }
      ${SOCIAL_POST_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    variables: ({ values }) => {
      const wanted = fetchKeys(values, FETCH_KEYS);
      return {
        id: toGlobalId('Post', values.post_id as number),
        comments: wanted.includes('post_comments'),
        liked: wanted.includes('post_liked_users'),
        wondered: wanted.includes('post_wondered_users'),
      };
    },
    respond: (data: SocialPostDataQuery, { values }) => {
      if (!data.post) throw new LegacyError(ErrorCode.NotFound, 'Post not found');
      const wanted = values.fetch as string[];
      const body: Record<string, unknown> = {};
      if (wanted.includes('post_data')) body.post_data = socialPost(data.post);
      if (data.post.comments) body.post_comments = data.post.comments.nodes.map(socialComment);
      if (data.post.wondered) body.post_wondered_users = data.post.wondered.map(socialUser);
      if (data.post.liked) body.post_liked_users = data.post.liked.map(socialUser);
      return ok(body);
    },
  },
];
