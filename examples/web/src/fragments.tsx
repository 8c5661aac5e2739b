import { graphql } from './gql';

/** Fragments the screens share; codegen adds their definitions to every document that spreads them. */
export const AuthorFragment = graphql(`
  fragment Author on User {
    id
    name
  }
`);

export const NextPageFragment = graphql(`
  fragment NextPage on PageInfo {
    endCursor
    hasNextPage
  }
`);

export const ChatMessageFragment = graphql(`
  fragment ChatMessage on Message {
    id
    text
    createdAt
    sender {
      ...Author
    }
  }
`);
