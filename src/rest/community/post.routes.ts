import type {
  CommunityCommentQuery,
  CommunityCreateCommentMutation,
  CommunityCreatePostMutation,
  CommunityCreateReplyMutation,
  CommunityEditCommentMutation,
  CommunityEditPostMutation,
  CommunityEditReplyMutation,
  CommunityReplyQuery,
  CommunityViewPostMutation,
} from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { COMMENT_FRAGMENT, communityComment, communityPost, communityReply, POST_FRAGMENT, REPLY_FRAGMENT } from './content.shape';

/** An msid or a bare user id names the author. */
function author(value: unknown): { id?: string; msid?: string } {
  const key = String(value);
  return /^\d+$/.test(key) ? { id: toGlobalId('User', Number(key)) } : { msid: key };
}

function firstAuthor(authors: unknown): { id?: string; msid?: string } {
  const list = authors as unknown[];
  if (list.length === 0) throw new LegacyError(ErrorCode.BadUserInput, 'authors must name at least one msid');
  return author(list[0]);
}

const POST_PARAMS: ParamSpec[] = [
  { name: 'board_id', type: 'integer', required: true, description: 'The document types it string; a numeric id.' },
  { name: 'headline', type: 'string', required: true },
  { name: 'content', type: 'string', required: true, description: 'Text or HTML (the document types it boolean).' },
  { name: 'authors', type: 'array', required: true, description: 'msids; the first is the author.' },
];
const CONTENT: ParamSpec = { name: 'content', type: 'string', required: true, description: 'Text or HTML (the document types it boolean).' };
const id = (name: string): ParamSpec => ({ name, type: 'integer', in: 'path', required: true });

export const postRoutes: LegacyRoute[] = [
  {
    method: 'GET',
    path: '/posts/:post_id',
    summary: 'Get a post (counts a view)',
    auth: 'user',
    params: [id('post_id')],
    operation: /* GraphQL */ `mutation CommunityViewPost($postId: ID!) { recordPostView(postId: $postId) { ...CommunityPost } } ${POST_FRAGMENT}`,
    variables: ({ values }) => ({ postId: toGlobalId('Post', values.post_id as number) }),
    respond: (data: CommunityViewPostMutation) => communityPost(data.recordPostView),
  },
  {
    method: 'POST',
    path: '/posts',
    summary: 'Create a post; rights are checked against the API user',
    auth: 'user',
    params: POST_PARAMS,
    operation: /* GraphQL */ `mutation CommunityCreatePost($input: CreatePostInput!) { createPost(input: $input) { ...CommunityPost } } ${POST_FRAGMENT}`,
    variables: ({ values: v }) => ({ input: { boardId: toGlobalId('Board', v.board_id as number), headline: v.headline, content: v.content, author: firstAuthor(v.authors) } }),
    respond: (data: CommunityCreatePostMutation) => communityPost(data.createPost),
  },
  {
    method: 'PUT',
    path: '/posts/:post_id',
    summary: 'Edit a post',
    auth: 'user',
    params: [id('post_id'), ...POST_PARAMS],
    operation: /* GraphQL */ `mutation CommunityEditPost($input: UpdatePostInput!) { updatePost(input: $input) { ...CommunityPost } } ${POST_FRAGMENT}`,
    variables: ({ values: v }) => ({
      input: { postId: toGlobalId('Post', v.post_id as number), boardId: toGlobalId('Board', v.board_id as number), headline: v.headline, content: v.content, author: firstAuthor(v.authors) },
    }),
    respond: (data: CommunityEditPostMutation) => communityPost(data.updatePost),
  },
  {
    method: 'GET',
    path: '/comments/:comment_id',
    summary: 'Get a comment',
    auth: 'user',
    params: [id('comment_id')],
    operation: /* GraphQL */ `query CommunityComment($id: ID!) { comment(id: $id) { ...CommunityComment } } ${COMMENT_FRAGMENT}`,
    variables: ({ values }) => ({ id: toGlobalId('Comment', values.comment_id as number) }),
    respond: (data: CommunityCommentQuery) => {
      if (!data.comment) throw new LegacyError(ErrorCode.NotFound, 'Comment not found');
      return communityComment(data.comment);
    },
  },
  {
    method: 'POST',
    path: '/comments',
    summary: 'Create a comment; rights are checked against the API user',
    auth: 'user',
    params: [{ name: 'post_id', type: 'integer', required: true }, CONTENT, { name: 'author', type: 'string', required: true, description: 'msid of the author' }],
    operation: /* GraphQL */ `mutation CommunityCreateComment($input: CreateCommentInput!) { createComment(input: $input) { ...CommunityComment } } ${COMMENT_FRAGMENT}`,
    variables: ({ values: v }) => ({ input: { postId: toGlobalId('Post', v.post_id as number), content: v.content, author: author(v.author) } }),
    respond: (data: CommunityCreateCommentMutation) => communityComment(data.createComment),
  },
  {
    method: 'PUT',
    path: '/comments/:comment_id',
    summary: 'Edit a comment',
    auth: 'user',
    params: [id('comment_id'), CONTENT],
    operation: /* GraphQL */ `mutation CommunityEditComment($input: UpdateCommentInput!) { updateComment(input: $input) { ...CommunityComment } } ${COMMENT_FRAGMENT}`,
    variables: ({ values: v }) => ({ input: { commentId: toGlobalId('Comment', v.comment_id as number), content: v.content } }),
    respond: (data: CommunityEditCommentMutation) => communityComment(data.updateComment),
  },
  {
    method: 'GET',
    path: '/replies/:reply_id',
    summary: 'Get a reply',
    auth: 'user',
    params: [id('reply_id')],
    operation: /* GraphQL */ `query CommunityReply($id: ID!) { reply(id: $id) { ...CommunityReply } } ${REPLY_FRAGMENT}`,
    variables: ({ values }) => ({ id: toGlobalId('Reply', values.reply_id as number) }),
    respond: (data: CommunityReplyQuery) => {
      if (!data.reply) throw new LegacyError(ErrorCode.NotFound, 'Reply not found');
      return communityReply(data.reply);
    },
  },
  {
    method: 'POST',
    path: '/replies',
    summary: 'Create a reply; rights are checked against the API user',
    auth: 'user',
    params: [{ name: 'comment_id', type: 'integer', required: true }, CONTENT, { name: 'author', type: 'string', required: true, description: 'msid of the author' }],
    operation: /* GraphQL */ `mutation CommunityCreateReply($input: CreateReplyInput!) { createReply(input: $input) { ...CommunityReply } } ${REPLY_FRAGMENT}`,
    variables: ({ values: v }) => ({ input: { commentId: toGlobalId('Comment', v.comment_id as number), content: v.content, author: author(v.author) } }),
    respond: (data: CommunityCreateReplyMutation) => communityReply(data.createReply),
  },
  {
    method: 'PUT',
    path: '/replies/:reply_id',
    summary: 'Edit a reply',
    auth: 'user',
    params: [id('reply_id'), CONTENT],
    operation: /* GraphQL */ `mutation CommunityEditReply($input: UpdateReplyInput!) { updateReply(input: $input) { ...CommunityReply } } ${REPLY_FRAGMENT}`,
    variables: ({ values: v }) => ({ input: { replyId: toGlobalId('Reply', v.reply_id as number), content: v.content } }),
    respond: (data: CommunityEditReplyMutation) => communityReply(data.updateReply),
    note: 'The document writes the path as /api/v1/replies/{comment_id} but names the variable reply_id: it is the reply id.',
  },
];
