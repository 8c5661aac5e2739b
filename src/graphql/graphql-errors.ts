import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { AppError } from '../errors';

/** A GraphQL request the transport cannot take as it is (malformed, or refused before it runs): 400 BAD_REQUEST, as Apollo answers its own. */
export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ApolloServerErrorCode.BAD_REQUEST, http: { status: 400 } } });
}

/**
 * An AppError as the GraphQLError a client reads outside execution (a context, a graphql-ws
 * `error` message): same message and `extensions`, the AppError kept as its `originalError`.
 */
export function toGraphQLError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: error.extensions });
}

/** A GraphQLError as it is, an AppError as its GraphQLError; anything else (a fault) is thrown again. */
export function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof AppError) return toGraphQLError(error);
  throw error;
}

/**
 * An error a client may read as it is: one of ours (AppError) or GraphQL's (a GraphQLError, such as
 * a refused variable or a limit). Anything else is a fault, masked as `Internal server error`.
 */
export function isExpectedError(error: unknown): boolean {
  return error instanceof GraphQLError || error instanceof AppError;
}
