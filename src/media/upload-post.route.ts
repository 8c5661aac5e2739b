import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendPlainError } from '../http/plain-error';
import { authenticateToken, bearerToken } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import type { Services } from '../graphql/context.types';
import { BadUserInputError } from '../errors';
import { toGlobalId } from '../graphql/node';
import { withStoredMedia } from './media-files';
import type { StoredMedia } from './media-store';
import { countPendingUploads, insertPendingUpload, lockPendingUploadsOf } from './pending-upload.repository';
import { UploadedFile } from './uploaded-file';

/** How many uploads one user may have waiting for a mutation at a time. */
export const MAX_PENDING_UPLOADS = 20;

/** The multipart part that carries the file. */
const FILE_FIELD = 'file';
const MULTIPART = /^\s*multipart\//i;
/** The largest refused body still read (and dropped) rather than cut off by closing the connection. */
const DRAINED_BODY_BYTES = 1024 * 1024;

const viewers = new WeakMap<FastifyRequest, Viewer>();

/**
 * `POST /uploads`: a signed-in client sends one file (multipart/form-data, part `file`) with
 * `Authorization: Bearer <token>` (never a cookie, so a cross-site form cannot post here). The file
 * is validated and stored as the legacy endpoints' files are, then waits, owned by the caller, for
 * a mutation to use its id as an `Upload` argument (src/media/upload-claims.ts) until
 * UPLOAD_CLAIM_TTL passes. Answers 201 `{ id, url, mimeType, size, kind, expiresAt }`; errors as
 * `{ statusCode, error, message }`. Credentials and the pending bound are checked before the body
 * is read.
 */
export function registerUploadPost(app: FastifyInstance, services: Services): void {
  const { db, media, config } = services;
  app.route({
    method: 'POST',
    url: '/uploads',
    config: { uploads: { fields: [FILE_FIELD], maxFiles: 1 } },
    preParsing: async (request, reply) => {
      const token = bearerToken(request.headers.authorization);
      const viewer = token ? await authenticateToken(db, token, 'bearer') : null;
      let refusal: [number, string] | null = null;
      if (!viewer) refusal = [401, 'Send Authorization: Bearer <token> of a signed-in session'];
      else if ((await countPendingUploads(db, viewer.userId, new Date())) >= MAX_PENDING_UPLOADS) refusal = [429, tooManyPending()];
      if (refusal) {
        if (!(Number(request.headers['content-length']) <= DRAINED_BODY_BYTES)) void reply.header('connection', 'close');
        return sendPlainError(reply, ...refusal);
      }
      viewers.set(request, viewer!);
    },
    handler: async (request, reply) => {
      const viewer = viewers.get(request)!;
      const file = (request.body as Record<string, unknown> | undefined)?.[FILE_FIELD];
      if (!MULTIPART.test(request.headers['content-type'] ?? '') || !(file instanceof UploadedFile)) {
        return sendPlainError(reply, 400, `Send the file as multipart/form-data, in one part named "${FILE_FIELD}"`);
      }
      let stored: StoredMedia;
      try {
        stored = await media.store(file, FILE_FIELD);
      } catch (error) {
        if (!(error instanceof BadUserInputError)) throw error;
        return sendPlainError(reply, file.truncated ? 413 : 400, error.message);
      }
      const now = new Date();
      const expiresAt = new Date(now.getTime() + config.uploads.claimTtlSeconds * 1000);
      const id = await withStoredMedia(media, [stored], () =>
        db.transaction().execute(async (trx) => {
          await lockPendingUploadsOf(trx, viewer.userId);
          if ((await countPendingUploads(trx, viewer.userId, now)) >= MAX_PENDING_UPLOADS) throw new PendingBoundError();
          return insertPendingUpload(trx, viewer.userId, stored, now, expiresAt);
        }),
      ).catch((error: unknown) => {
        if (error instanceof PendingBoundError) return null;
        throw error;
      });
      if (id === null) return sendPlainError(reply, 429, tooManyPending());
      return reply.code(201).send({ id: toGlobalId('Upload', id), url: stored.url, mimeType: stored.mimeType, size: stored.size, kind: stored.kind, expiresAt: expiresAt.toISOString() });
    },
  });
}

class PendingBoundError extends Error {}

function tooManyPending(): string {
  return `You have ${MAX_PENDING_UPLOADS} uploads waiting to be used: use them in a mutation, or wait until they expire`;
}
