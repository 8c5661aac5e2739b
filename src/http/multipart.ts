import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UploadedFile } from '../media/uploaded-file';

/** Which file parts a route takes: their field names and how many files in all. */
export interface RouteUploads {
  fields: readonly string[];
  maxFiles: number;
}

/** The multipart limits every route shares; file sizes come from UPLOAD_MAX_BYTES. */
export interface MultipartLimits {
  /** The text of one request: all its fields and part headers (the same as any other body). */
  textBytes: number;
  fields: number;
  maxFileBytes: number;
}

/** A part header's bytes, header lines per part and field-name bytes: far above what a form needs. */
const HEADER_BYTES = 8 * 1024;
const HEADER_PAIRS = 10;
const FIELD_NAME_BYTES = 200;

/** A refusal raised while reading a multipart body, answered by the error handler in the route's envelope. */
class MultipartError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const kTemporaryFiles = Symbol('temporary upload files');
type WithTemporaryFiles = FastifyRequest & { [kTemporaryFiles]?: string[] };

/**
 * Multipart bodies, read in a preValidation hook: after the routes' preParsing hooks, where the
 * legacy families check the credentials that come before the body. Text fields join
 * `request.body` as strings (a repeated field as a list) within the same byte budget as any other
 * body; file parts are accepted only on routes whose `config.uploads` names them, are streamed to
 * temporary files under `<UPLOAD_DIR>/.incoming` (never held in memory) and reach the route as
 * UploadedFile. The temporary files are removed before the answer is sent, and when the request
 * fails or the client goes away.
 */
export async function registerMultipart(app: FastifyInstance, uploadDir: string, limits: MultipartLimits): Promise<void> {
  const incoming = join(uploadDir, '.incoming');
  await mkdir(incoming, { recursive: true });
  await app.register(multipart, {
    limits: {
      fieldSize: limits.textBytes,
      fieldNameSize: FIELD_NAME_BYTES,
      headerPairs: HEADER_PAIRS,
      fileSize: limits.maxFileBytes,
      // busboy's own limit (80 KB by default), which the plugin passes on but does not type.
      ...({ headerSize: HEADER_BYTES } as object),
    },
    // An oversize part reaches the route as a truncated UploadedFile, so the route answers in its own envelope.
    throwFileSizeLimit: false,
  });
  app.addHook('preValidation', async (request, reply) => {
    // An unknown path answers 404 without reading the body.
    if (!request.isMultipart() || request.is404) return;
    const uploads = request.routeOptions.config.uploads ?? { fields: [], maxFiles: 0 };
    const maxBytes = limits.textBytes + uploads.maxFiles * (limits.maxFileBytes + HEADER_BYTES);
    try {
      if (Number(request.headers['content-length']) > maxBytes) throw new MultipartError(413, 'Request body is too large');
      reply.raw.once('close', () => void removeTemporaryFiles(request));
      request.body = await readParts(request, incoming, uploads, limits, maxBytes);
    } catch (error) {
      // The rest of a large or unmeasured body is not worth reading: the connection closes after the
      // answer. A small one is read and dropped, so the connection, and the answer, arrive whole.
      const small = Number(request.headers['content-length']) <= limits.textBytes;
      if (error instanceof MultipartError && error.statusCode === 413 && !small) void reply.header('connection', 'close');
      throw error;
    }
  });
  // Before the answer goes out, so a caller who reads the answer finds no temporary file left.
  app.addHook('onSend', async (request, reply) => {
    // A refusal before the body was read (src/rest/mounter.ts) does not mark the request multipart.
    if (reply.getHeader('connection') === 'close' && MULTIPART.test(request.headers['content-type'] ?? '')) lingerBeforeClosing(request.raw.socket);
    await removeTemporaryFiles(request);
  });
}

const MULTIPART = /^\s*multipart\//i;

/** How long a connection closed under an unread upload goes on reading (and dropping) it after the answer. */
const LINGER_MS = 2_000;

/**
 * A lingering close, as web servers do: after the answer, send FIN but keep reading what the client
 * still sends for a moment before closing. Closing at once would reset the connection under a
 * client still writing its upload, and a reset discards the answer it has not read yet. Memory
 * stays flat: what arrives is dropped.
 */
function lingerBeforeClosing(socket: Socket | null): void {
  if (!socket) return;
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    this.resume();
    setTimeout(() => this.destroy(), LINGER_MS).unref();
  };
}

async function readParts(request: FastifyRequest, incoming: string, uploads: RouteUploads, limits: MultipartLimits, maxBytes: number): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  const add = (name: string, value: unknown) => {
    const previous = body[name];
    body[name] = previous === undefined ? value : Array.isArray(previous) ? [...(previous as unknown[]), value] : [previous, value];
  };
  stopPast(request, maxBytes);
  const parts = request.parts({
    // A file part on a route that takes none ends the body at once (busboy's `files: 0`).
    limits: { files: uploads.maxFiles, fields: limits.fields, parts: limits.fields + uploads.maxFiles },
  });
  // Each field is bounded by the plugin; together they stay within the text budget too, not the files'.
  let textBytes = 0;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        textBytes += Buffer.byteLength(part.fieldname) + Buffer.byteLength(String(part.value));
        if (textBytes > limits.textBytes) throw new MultipartError(413, 'Request body is too large');
        add(part.fieldname, part.value);
      } else if (!uploads.fields.includes(part.fieldname)) throw new MultipartError(400, notAFileField(part.fieldname, uploads));
      else add(part.fieldname, await saveFile(request, part, incoming));
    }
  } catch (error) {
    await removeTemporaryFiles(request);
    throw refusal(error, uploads);
  }
  return body;
}

function notAFileField(name: string, uploads: RouteUploads): string {
  return uploads.fields.length === 0 ? 'This endpoint takes no file uploads' : `${name} is not a file field (files go in ${uploads.fields.join(', ')})`;
}

/** The plugin's limit errors, in words a legacy caller can act on. */
function refusal(error: unknown, uploads: RouteUploads): unknown {
  switch ((error as { code?: string }).code) {
    case 'FST_FILES_LIMIT':
      return new MultipartError(uploads.maxFiles === 0 ? 400 : 413, uploads.maxFiles === 0 ? notAFileField('', uploads) : `At most ${uploads.maxFiles} files may be sent`);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new MultipartError(413, 'The request has too many fields');
    default:
      return error;
  }
}

/** Streams one file part to a fresh temporary file; the plugin stops it at UPLOAD_MAX_BYTES and marks it truncated. */
async function saveFile(request: FastifyRequest, part: MultipartFile, incoming: string): Promise<UploadedFile> {
  const path = join(incoming, randomBytes(16).toString('hex'));
  const files = ((request as WithTemporaryFiles)[kTemporaryFiles] ??= []);
  files.push(path);
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  await pipeline(part.file, out);
  return new UploadedFile(part.filename, part.mimetype, path, out.bytesWritten, part.file.truncated);
}

/**
 * Ends the parse with 413 once the body passes `maxBytes` (a chunked body has no length to check
 * first): the plugin turns a request error into the end of its parts.
 */
function stopPast(request: FastifyRequest, maxBytes: number): void {
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= maxBytes) return;
    request.raw.off('data', count);
    request.raw.emit('error', new MultipartError(413, 'Request body is too large'));
  };
  request.raw.on('data', count);
}

async function removeTemporaryFiles(request: FastifyRequest): Promise<void> {
  const files = (request as WithTemporaryFiles)[kTemporaryFiles];
  if (!files?.length) return;
  (request as WithTemporaryFiles)[kTemporaryFiles] = [];
  await Promise.all(files.map((file) => rm(file, { force: true })));
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The file parts a route takes; a route without it takes multipart text fields only. */
    uploads?: RouteUploads;
  }
}
