import type { NodeFetchers } from '../../graphql/node-fetchers';

/** This domain's Node types, fetched by number for node(id:). */
export const marketingNodes: NodeFetchers = {};
