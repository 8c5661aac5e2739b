import { GraphQLError, GraphQLScalarType } from 'graphql';
import { parseGlobalId } from '../graphql/node';
import { UploadedFile } from './uploaded-file';

/** The id of a file uploaded with `POST /uploads`, as a mutation received it; src/media/upload-claims.ts resolves it. */
export class PendingUploadId {
  constructor(
    /** The `pending_uploads` row number. */
    readonly id: number,
  ) {}
}

/** What an `Upload` argument holds: a legacy endpoint's multipart file, or a GraphQL client's upload id. */
export type UploadValue = UploadedFile | PendingUploadId;

const NOT_AN_UPLOAD_ID = 'Upload values are the id POST /uploads answered with';

function uploadId(value: unknown): PendingUploadId {
  const parsed = typeof value === 'string' ? parseGlobalId(value) : null;
  if (parsed?.type !== 'Upload') throw new GraphQLError(NOT_AN_UPLOAD_ID);
  return new PendingUploadId(parsed.id);
}

/**
 * A file for a mutation. GraphQL clients send the id `POST /uploads` answered with, in a variable
 * or a literal; a legacy REST endpoint passes the multipart file it received, in-process. It is
 * never returned.
 */
export const UploadScalar = new GraphQLScalarType<UploadValue, never>({
  name: 'Upload',
  description:
    'A file for a mutation: the `id` that `POST /uploads` (multipart/form-data, one part named `file`, ' +
    '`Authorization: Bearer <token>`) answered with. The upload must be your own, unused and unexpired; a ' +
    'mutation that succeeds uses it up. (Legacy REST endpoints pass their multipart files in-process.)',
  parseValue(value) {
    if (value instanceof UploadedFile) return value;
    return uploadId(value);
  },
  parseLiteral(node) {
    if (node.kind !== 'StringValue') throw new GraphQLError(NOT_AN_UPLOAD_ID);
    return uploadId(node.value);
  },
  serialize() {
    throw new GraphQLError('Upload values cannot be returned');
  },
});
