import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { mkdir } from 'node:fs/promises';
import type { MediaStore } from './media-store';
import { STORED_PATH } from './media-types';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Serves stored media at `GET /uploads/<path>` with the content type of its extension (which
 * MediaStore makes agree with the content), `nosniff` and a year of immutable caching. Only paths
 * shaped like a stored file are looked up, so traversal, dot-named temporary files and
 * directories answer 404.
 */
export async function registerUploads(app: FastifyInstance, media: MediaStore): Promise<void> {
  await mkdir(media.dir, { recursive: true });
  await app.register(fastifyStatic, {
    root: media.dir,
    prefix: '/uploads/',
    decorateReply: false,
    allowedPath: (pathName) => STORED_PATH.test(pathName.replace(/^\//, '')),
    index: false,
    list: false,
    redirect: false,
    dotfiles: 'ignore',
    serveDotFiles: false,
    maxAge: ONE_YEAR_MS,
    immutable: true,
    setHeaders: (response) => void response.setHeader('X-Content-Type-Options', 'nosniff'),
  });
}
