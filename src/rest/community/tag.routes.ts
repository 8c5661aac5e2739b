import type { CommunityCreateTagMutation, CommunitySearchTagsQuery, CommunityTagMappingQuery, CommunityTagQuery, CommunityTagsQuery, CommunityUpdateTagMutation } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { idNumber } from '../input';
import { LegacyError, type LegacyInput, type LegacyRoute, type ParamSpec } from '../route';
import { communityTag, communityTagSummary, TAG_FRAGMENT } from './content.shape';
import { page } from './envelope';
import { connectionPage, PAGING_PARAMS } from './paging';

const TAG_PARAMS: ParamSpec[] = [
  { name: 'name', type: 'string', required: true, description: 'Shown as given; stored in lowercase hashtag form, unique.' },
  { name: 'description', type: 'string', description: 'The document types it boolean; it is text.' },
  { name: 'image', type: 'string' },
  { name: 'og_image', type: 'string' },
  { name: 'og_title', type: 'string' },
  { name: 'og_description', type: 'string' },
  { name: 'back_color', type: 'string', description: 'Hex colour, default #ffffff' },
  { name: 'text_color', type: 'string', description: 'Hex colour, default #330000' },
];

function tagInput({ values: v }: LegacyInput) {
  return {
    name: v.name,
    description: v.description,
    image: v.image,
    ogImage: v.og_image,
    ogTitle: v.og_title,
    ogDescription: v.og_description,
    backColor: v.back_color,
    textColor: v.text_color,
  };
}

/** The GraphQL type of each ref_type the document names. */
const TYPE_OF_REF: Record<string, string> = { POST: 'Post', COMMENT: 'Comment', REPLY: 'Reply', USER: 'User' };

const TAG_ID: ParamSpec = { name: 'tag_id', type: 'integer', in: 'path', required: true };

export const tagRoutes: LegacyRoute[] = [
  {
    method: 'GET',
    path: '/tags/mapping',
    summary: 'Tags mapped to an entity (ref_type POST, COMMENT, REPLY or USER)',
    auth: 'user',
    params: [{ name: 'ref_type', type: 'string', required: true, enum: ['POST', 'COMMENT', 'REPLY', 'USER'] }, { name: 'ref_id', type: 'integer', required: true }, ...PAGING_PARAMS],
    operation: /* GraphQL */ `query CommunityTagMapping($id: ID!, $first: Int!, $offset: Int!) {
      tagsOf(id: $id, first: $first, offset: $offset) { pageInfo { hasNextPage } nodes { ...CommunityTag } }
    } ${TAG_FRAGMENT}`,
    variables: ({ values }) => ({ id: toGlobalId(TYPE_OF_REF[values.ref_type as string], values.ref_id as number), ...connectionPage(values) }),
    respond: (data: CommunityTagMappingQuery) => page(data.tagsOf.nodes.map(communityTagSummary), data.tagsOf.pageInfo.hasNextPage),
  },
  {
    method: 'GET',
    path: '/tags/search',
    summary: 'Search tags by name',
    auth: 'user',
    params: [{ name: 'q', type: 'string', required: true }, ...PAGING_PARAMS],
    operation: /* GraphQL */ `query CommunitySearchTags($q: String!, $first: Int!, $offset: Int!) {
      searchTags(q: $q, first: $first, offset: $offset) { pageInfo { hasNextPage } nodes { ...CommunityTag } }
    } ${TAG_FRAGMENT}`,
    variables: ({ values }) => ({ q: values.q, ...connectionPage(values) }),
    respond: (data: CommunitySearchTagsQuery) => page(data.searchTags.nodes.map(communityTagSummary), data.searchTags.pageInfo.hasNextPage),
  },
  {
    method: 'GET',
    path: '/tags/:tag_id',
    summary: 'View a tag',
    auth: 'user',
    params: [TAG_ID],
    operation: /* GraphQL */ `query CommunityTag($id: ID!) { tag(id: $id) { ...CommunityTag } } ${TAG_FRAGMENT}`,
    variables: ({ values }) => ({ id: toGlobalId('Tag', values.tag_id as number) }),
    respond: (data: CommunityTagQuery) => {
      if (!data.tag) throw new LegacyError(ErrorCode.NotFound, 'Tag not found');
      return communityTag(data.tag);
    },
  },
  {
    method: 'GET',
    path: '/tags',
    summary: 'List tags (sort_by id|name, order, paging) or get tags by ids=1,13,18',
    auth: 'user',
    params: [
      { name: 'sort_by', type: 'string', enum: ['id', 'name'] },
      { name: 'order', type: 'string', enum: ['asc', 'desc'] },
      { name: 'ids', type: 'array', description: 'Comma-separated tag ids.' },
      ...PAGING_PARAMS,
    ],
    operation: /* GraphQL */ `query CommunityTags($filter: TagsFilter, $orderBy: TagOrder!, $first: Int!, $offset: Int!) {
      tags(filter: $filter, orderBy: $orderBy, first: $first, offset: $offset) { pageInfo { hasNextPage } nodes { ...CommunityTag } }
    } ${TAG_FRAGMENT}`,
    variables: ({ values: v }) => {
      const ids = v.ids as string[] | undefined;
      if (ids?.some((id) => !/^\d+$/.test(id))) throw new LegacyError(ErrorCode.BadUserInput, 'ids must be numbers separated by commas');
      const orderBy = `${v.sort_by === 'name' ? 'NAME' : 'ID'}_${String(v.order ?? 'asc').toUpperCase()}`;
      return { filter: ids ? { ids: ids.map((id) => toGlobalId('Tag', idNumber(id))) } : null, orderBy, ...connectionPage(v) };
    },
    respond: (data: CommunityTagsQuery) => page(data.tags.nodes.map(communityTagSummary), data.tags.pageInfo.hasNextPage),
    note: 'The document lists this endpoint twice (sorted list, and ?ids=); one route serves both.',
  },
  {
    method: 'POST',
    path: '/tags',
    summary: 'Create a tag (admin or moderator API key)',
    auth: 'user',
    params: TAG_PARAMS,
    operation: /* GraphQL */ `mutation CommunityCreateTag($input: CreateTagInput!) { createTag(input: $input) { ...CommunityTag } } ${TAG_FRAGMENT}`,
    variables: (input) => ({ input: tagInput(input) }),
    respond: (data: CommunityCreateTagMutation) => communityTag(data.createTag),
  },
  {
    method: 'PUT',
    path: '/tags/:tag_id',
    summary: 'Edit a tag (admin or moderator API key)',
    auth: 'user',
    params: [TAG_ID, ...TAG_PARAMS],
    operation: /* GraphQL */ `mutation CommunityUpdateTag($input: UpdateTagInput!) { updateTag(input: $input) { ...CommunityTag } } ${TAG_FRAGMENT}`,
    variables: (input) => ({ input: { tagId: toGlobalId('Tag', input.values.tag_id as number), ...tagInput(input) } }),
    respond: (data: CommunityUpdateTagMutation) => communityTag(data.updateTag),
  },
];
