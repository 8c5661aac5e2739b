import type {
  CommunityCreateTagMutation,
  CommunitySearchTagsQuery,
  CommunityTagMappingQuery,
  CommunityTagQuery,
  CommunityTagsQuery,
  CommunityUpdateTagMutation,
} from '../../generated/operations';
import { ErrorCode } from '../../graphql/errors';
import { idNumber } from '../input';
import { LegacyError, type LegacyInput, type LegacyRoute, type ParamSpec } from '../route';
import { communityTag, communityTagSummary, TAG_FRAGMENT } from './content.shape';
import { page } from './envelope';
import { PAGING_PARAMS, pageVariables } from './paging';

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

const TAG_ID: ParamSpec = { name: 'tag_id', type: 'integer', in: 'path', required: true };

export const tagRoutes: LegacyRoute[] = [
  {
    method: 'GET',
    path: '/tags/mapping',
    summary: 'Tags mapped to an entity (ref_type POST, COMMENT, REPLY or USER)',
    auth: 'user',
    params: [
      { name: 'ref_type', type: 'string', required: true, enum: ['POST', 'COMMENT', 'REPLY', 'USER'] },
      { name: 'ref_id', type: 'integer', required: true },
      ...PAGING_PARAMS,
    ],
    operation: /* GraphQL */ `query CommunityTagMapping($refType: RefType!, $refId: Int!, $page: Int!, $pageSize: Int!) {
      tagsOf(refType: $refType, refId: $refId, page: $page, pageSize: $pageSize) { hasMore items { ...CommunityTag } }
    } ${TAG_FRAGMENT}`,
    variables: ({ values }) => ({ refType: values.ref_type, refId: values.ref_id, ...pageVariables(values) }),
    respond: (data: CommunityTagMappingQuery) => page(data.tagsOf.items.map(communityTagSummary), data.tagsOf.hasMore),
  },
  {
    method: 'GET',
    path: '/tags/search',
    summary: 'Search tags by name',
    auth: 'user',
    params: [{ name: 'q', type: 'string', required: true }, ...PAGING_PARAMS],
    operation: /* GraphQL */ `query CommunitySearchTags($q: String!, $page: Int!, $pageSize: Int!) {
      searchTags(q: $q, page: $page, pageSize: $pageSize) { hasMore items { ...CommunityTag } }
    } ${TAG_FRAGMENT}`,
    variables: ({ values }) => ({ q: values.q, ...pageVariables(values) }),
    respond: (data: CommunitySearchTagsQuery) => page(data.searchTags.items.map(communityTagSummary), data.searchTags.hasMore),
  },
  {
    method: 'GET',
    path: '/tags/:tag_id',
    summary: 'View a tag',
    auth: 'user',
    params: [TAG_ID],
    operation: /* GraphQL */ `query CommunityTag($id: Int!) { tag(id: $id) { ...CommunityTag } } ${TAG_FRAGMENT}`,
    variables: ({ values }) => ({ id: values.tag_id }),
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
    operation: /* GraphQL */ `query CommunityTags($ids: [Int!], $sort: TagSort, $order: SortOrder!, $page: Int!, $pageSize: Int!) {
      tags(ids: $ids, sort: $sort, order: $order, page: $page, pageSize: $pageSize) { hasMore items { ...CommunityTag } }
    } ${TAG_FRAGMENT}`,
    variables: ({ values: v }) => {
      const ids = v.ids as string[] | undefined;
      if (ids?.some((id) => !/^\d+$/.test(id))) throw new LegacyError(ErrorCode.BadUserInput, 'ids must be numbers separated by commas');
      return { ids: ids?.map(idNumber), sort: v.sort_by ? String(v.sort_by).toUpperCase() : null, order: String(v.order ?? 'asc').toUpperCase(), ...pageVariables(v) };
    },
    respond: (data: CommunityTagsQuery) => page(data.tags.items.map(communityTagSummary), data.tags.hasMore),
    note: 'The document lists this endpoint twice (sorted list, and ?ids=); one route serves both.',
  },
  {
    method: 'POST',
    path: '/tags',
    summary: 'Create a tag (admin or moderator API key)',
    auth: 'user',
    params: TAG_PARAMS,
    operation: /* GraphQL */ `mutation CommunityCreateTag($input: TagInput!) { createTag(input: $input) { ...CommunityTag } } ${TAG_FRAGMENT}`,
    variables: (input) => ({ input: tagInput(input) }),
    respond: (data: CommunityCreateTagMutation) => communityTag(data.createTag),
  },
  {
    method: 'PUT',
    path: '/tags/:tag_id',
    summary: 'Edit a tag (admin or moderator API key)',
    auth: 'user',
    params: [TAG_ID, ...TAG_PARAMS],
    operation: /* GraphQL */ `mutation CommunityUpdateTag($id: Int!, $input: TagInput!) { updateTag(id: $id, input: $input) { ...CommunityTag } } ${TAG_FRAGMENT}`,
    variables: (input) => ({ id: input.values.tag_id, input: tagInput(input) }),
    respond: (data: CommunityUpdateTagMutation) => communityTag(data.updateTag),
  },
];
