import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import type { AppConfig } from './config';
import { httpLink, PersistedWebSocketLink } from './links';
import { session } from './session';

const isSubscription = (operation: ApolloLink.Operation): boolean => {
  const definition = getMainDefinition(operation.query);
  return definition.kind === 'OperationDefinition' && definition.operation === OperationTypeNode.SUBSCRIPTION;
};

/**
 * The app's Apollo Client: subscriptions over graphql-ws, the rest over HTTP, both by hash. The
 * feed and a post's comments page by cursor (relay-style merge of `after` pages). Signing in or
 * out clears the cache, so no screen shows another account's data.
 */
export function createApolloClient(config: AppConfig): ApolloClient {
  const client = new ApolloClient({
    link: ApolloLink.split(isSubscription, new PersistedWebSocketLink(config), httpLink(config)),
    cache: new InMemoryCache({
      typePolicies: {
        Query: { fields: { feed: relayStylePagination() } },
        Post: { fields: { comments: relayStylePagination() } },
      },
    }),
  });
  session.subscribe(() => void client.clearStore());
  return client;
}
