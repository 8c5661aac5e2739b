import { GraphQLError, GraphQLScalarType } from 'graphql';
import { UploadedFile } from './uploaded-file';

const NOT_IN_GRAPHQL = 'Upload values are sent as multipart files to the REST endpoints; GraphQL clients pass a mediaUrl';

/**
 * A file a legacy REST endpoint received as a multipart part and passes, in-process, as a variable
 * of the operation it runs. It cannot be written in a document, sent as JSON or returned.
 */
export const UploadScalar = new GraphQLScalarType<UploadedFile, never>({
  name: 'Upload',
  description:
    'A file received as a multipart part by a legacy REST endpoint, which passes it to the operation in-process. ' +
    'GraphQL clients cannot send one (no multipart GraphQL requests): they pass a mediaUrl instead.',
  parseValue(value) {
    if (value instanceof UploadedFile) return value;
    throw new GraphQLError(NOT_IN_GRAPHQL);
  },
  parseLiteral() {
    throw new GraphQLError(NOT_IN_GRAPHQL);
  },
  serialize() {
    throw new GraphQLError('Upload values cannot be returned');
  },
});
