import type { CommunityBoardQuery, CommunityBoardsQuery, CommunityCreateBoardMutation, CommunityUpdateBoardMutation } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { LegacyError, type LegacyInput, type LegacyRoute, type ParamSpec } from '../route';
import { fromLegacy, LEGACY_POSTING_ROLE, LEGACY_VISIBILITY } from './board-codes';
import { BOARD_FRAGMENT, communityBoard } from './content.shape';
import { page } from './envelope';
import { connectionPage, PAGING_PARAMS } from './paging';

const BOARD_PARAMS: ParamSpec[] = [
  { name: 'board_name', type: 'string', required: true },
  { name: 'about', type: 'string' },
  { name: 'is_private', type: 'boolean', required: true },
  { name: 'hidden_type', type: 'integer', required: true, description: '0 all, 1 signed-in, 2 members' },
  { name: 'permission_for', type: 'integer', required: true, description: '1 admins, 5 admins and moderators, 10 any member' },
  { name: 'needs_approval', type: 'boolean', required: true },
  { name: 'icon', type: 'string' },
];

/** A legacy code as its enum value; an unknown number is refused as GraphQL once refused it. */
function code<T extends string>(codes: Record<T, number>, legacy: unknown, message: string): T | undefined {
  if (legacy === undefined || legacy === null) return undefined;
  const value = fromLegacy(codes, legacy);
  if (value === undefined) throw new LegacyError(ErrorCode.BadUserInput, message);
  return value;
}

function boardInput({ values: v }: LegacyInput) {
  return {
    name: v.board_name,
    about: v.about,
    isPrivate: v.is_private,
    visibility: code(LEGACY_VISIBILITY, v.hidden_type, 'hiddenType must be 0, 1 or 2'),
    permissionFor: code(LEGACY_POSTING_ROLE, v.permission_for, 'permissionFor must be 1, 5 or 10'),
    needsApproval: v.needs_approval,
    icon: v.icon,
  };
}

const BOARD_ID: ParamSpec = { name: 'board_id', type: 'integer', in: 'path', required: true };

/** A map of string keys to values, as the document's payloads send them. */
function entries(value: unknown, name: string): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LegacyError(ErrorCode.BadUserInput, `${name} must be an object`);
  return Object.entries(value);
}

export const boardRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/boards',
    summary: 'Create a board (admin API key)',
    auth: 'admin',
    params: BOARD_PARAMS,
    operation: /* GraphQL */ `mutation CommunityCreateBoard($input: CreateBoardInput!) { createBoard(input: $input) { ...CommunityBoard } } ${BOARD_FRAGMENT}`,
    variables: (input) => ({ input: boardInput(input) }),
    respond: (data: CommunityCreateBoardMutation) => communityBoard(data.createBoard),
  },
  {
    method: 'PATCH',
    path: '/boards/reorder',
    summary: 'Change display order (admin API key)',
    auth: 'admin',
    params: [{ name: 'display_order', type: 'object', required: true, description: 'Map of board id to display order from 1.' }],
    operation: /* GraphQL */ `mutation CommunityReorderBoards($orders: [BoardOrder!]!) { reorderBoards(orders: $orders) }`,
    variables: ({ values }) => ({
      orders: entries(values.display_order, 'display_order').map(([id, order]) => {
        if (!/^\d+$/.test(id) || !Number.isInteger(order)) throw new LegacyError(ErrorCode.BadUserInput, 'display_order maps board ids to whole numbers');
        return { boardId: toGlobalId('Board', Number(id)), displayOrder: order };
      }),
    }),
    respond: () => ({ message: 'OK' }),
  },
  {
    method: 'PUT',
    path: '/boards/:board_id',
    summary: 'Edit a board (admin API key)',
    auth: 'admin',
    params: [BOARD_ID, ...BOARD_PARAMS],
    operation: /* GraphQL */ `mutation CommunityUpdateBoard($input: UpdateBoardInput!) { updateBoard(input: $input) { ...CommunityBoard } } ${BOARD_FRAGMENT}`,
    variables: (input) => ({ input: { boardId: toGlobalId('Board', input.values.board_id as number), ...boardInput(input) } }),
    respond: (data: CommunityUpdateBoardMutation) => communityBoard(data.updateBoard),
  },
  {
    method: 'GET',
    path: '/boards/:board_id',
    summary: 'Get board details',
    auth: 'user',
    params: [BOARD_ID],
    operation: /* GraphQL */ `query CommunityBoard($id: ID!) { board(id: $id) { ...CommunityBoard } } ${BOARD_FRAGMENT}`,
    variables: ({ values }) => ({ id: toGlobalId('Board', values.board_id as number) }),
    respond: (data: CommunityBoardQuery) => {
      if (!data.board) throw new LegacyError(ErrorCode.NotFound, 'Board not found');
      return communityBoard(data.board);
    },
  },
  {
    method: 'GET',
    path: '/boards',
    summary: 'Get all boards the API user may see (paging; has_more header)',
    auth: 'user',
    params: PAGING_PARAMS,
    operation: /* GraphQL */ `query CommunityBoards($first: Int!, $offset: Int!) {
      boards(first: $first, offset: $offset) { pageInfo { hasNextPage } nodes { ...CommunityBoard } }
    } ${BOARD_FRAGMENT}`,
    variables: ({ values }) => connectionPage(values),
    respond: (data: CommunityBoardsQuery) => page(data.boards.nodes.map(communityBoard), data.boards.pageInfo.hasNextPage),
  },
  {
    method: 'PUT',
    path: '/boards/:board_id/members',
    summary: 'Modify private board members (admin API key)',
    auth: 'admin',
    params: [BOARD_ID, { name: 'member_changes', type: 'object', required: true, description: 'Map of msid to true (add) or false (remove).' }],
    operation: /* GraphQL */ `mutation CommunityBoardMembers($input: SetBoardMembersInput!) { setBoardMembers(input: $input) }`,
    variables: ({ values }) => ({
      input: {
        boardId: toGlobalId('Board', values.board_id as number),
        changes: entries(values.member_changes, 'member_changes').map(([msid, member]) => {
          if (typeof member !== 'boolean') throw new LegacyError(ErrorCode.BadUserInput, 'member_changes values must be true or false');
          return { msid, member };
        }),
      },
    }),
    respond: () => ({ message: 'OK' }),
  },
];
