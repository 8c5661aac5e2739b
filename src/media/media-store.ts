import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns';
import { copyFile, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { BadUserInputError } from '../errors';
import { isMediaExtension, MIME_TYPES, type MediaExtension, sniffMimeType, STORED_PATH } from './media-types';
import { type DnsLookup, isPublicAddress } from './private-address';
import { DownloadError, type DownloadFailure, download } from './url-download';
import type { UploadedFile } from './uploaded-file';

export type MediaKind = 'image' | 'video';

/** A file kept under UPLOAD_DIR. */
export interface StoredMedia {
  /** Relative to UPLOAD_DIR, posix: `2026/11/<random>.png`. */
  path: string;
  /** `${publicUrl ?? ''}/uploads/${path}`. */
  url: string;
  /** Proven by the file's content, never taken from the client. */
  mimeType: string;
  size: number;
  kind: MediaKind;
  /**
   * Set for a file uploaded with `POST /uploads` that a mutation is about to use: recordMediaFile
   * claims the pending upload in the mutation's transaction, and discard leaves the file in place
   * (it stays claimable until it expires). `ownerId` is the viewer who uploaded it, whoever the
   * change records the file for (an admin setting another user's avatar).
   */
  claim?: { uploadId: number; ownerId: number; field: string };
}

export interface MediaStoreOptions {
  dir: string;
  maxBytes: number;
  allowedTypes: string[];
  urlImport: boolean;
  publicUrl: string | null;
  /** For tests only: resolves host names for importUrl instead of the system resolver. */
  lookup?: DnsLookup;
  /**
   * For tests only: which addresses importUrl may connect to, instead of public ones only. The
   * refusal itself is tested with the real policy; a success test needs a server on this machine,
   * which lives on loopback, so it passes `(ip) => ip === '127.0.0.1'` and nothing wider.
   */
  allowAddress?: (address: string) => boolean;
  /** For tests only: the download deadline, 10 s by default. */
  importTimeoutMs?: number;
}

/** Validates and keeps uploaded and imported images and videos under one directory, served at /uploads/. */
export class MediaStore {
  /** The absolute upload directory. */
  readonly dir: string;
  private readonly allowedTypes: MediaExtension[];

  constructor(private readonly options: MediaStoreOptions) {
    this.dir = resolve(options.dir);
    this.allowedTypes = options.allowedTypes.map((type) => {
      if (!isMediaExtension(type)) throw new TypeError(`unknown media type "${type}"`);
      return type;
    });
  }

  /** Validates (not truncated, extension allowed, content sniffed by magic bytes matches an allowed type) and stores atomically. `field` names the request field in error messages. */
  async store(file: UploadedFile, field: string): Promise<StoredMedia> {
    if (file.truncated || file.size > this.options.maxBytes) throw this.tooLarge(field);
    const extension = extname(file.filename).slice(1).toLowerCase();
    if (extension === '') throw new BadUserInputError(`${field} has no file extension (allowed: ${this.allowedList()})`, field);
    if (!this.allowedTypes.includes(extension as MediaExtension)) {
      throw new BadUserInputError(`${field} type .${extension} is not allowed (allowed: ${this.allowedList()})`, field);
    }
    if (file.size === 0) throw new BadUserInputError(`${field} is empty`, field);
    const { mimeType, extension: stored } = this.validate(await file.head(SNIFF_BYTES), field, extension as MediaExtension);
    const path = await this.place(stored, (target) => linkOrCopy(file.path, target));
    return this.described(path, mimeType, file.size);
  }

  /** Stores an upload that must be an image (an avatar, a cover); a video is refused and not kept. */
  async storeImage(file: UploadedFile, field: string): Promise<StoredMedia> {
    const stored = await this.store(file, field);
    if (stored.kind === 'image') return stored;
    await this.discard(stored);
    throw new BadUserInputError(`${field} must be an image`, field);
  }

  /** Downloads an image/video by URL (when enabled, public addresses only), validates it the same way and stores it. */
  async importUrl(url: string, field: string): Promise<StoredMedia> {
    if (!this.options.urlImport) throw new BadUserInputError(`${field} imports are disabled on this gateway`, field);
    let data: Buffer;
    try {
      data = await download(url, {
        maxBytes: this.options.maxBytes,
        timeoutMs: this.options.importTimeoutMs ?? 10_000,
        maxRedirects: 3,
        resolve: this.options.lookup ?? dnsLookup,
        allowAddress: this.options.allowAddress ?? isPublicAddress,
      });
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      throw new BadUserInputError(this.downloadMessage(error.reason, field, error.message), field);
    }
    return this.validateAndWrite(data, field, null);
  }

  /**
   * Removes a stored file (used when the transaction that referenced it rolls back). Never throws
   * for a missing file. A pending upload's file (`claim` set) is kept: the upload stays claimable.
   */
  async discard(media: StoredMedia): Promise<void> {
    if (!media.claim) await this.remove(media.path);
  }

  /** Removes the file at a stored path (relative to UPLOAD_DIR). Never throws for a missing file. */
  async remove(path: string): Promise<void> {
    if (!STORED_PATH.test(path)) throw new Error(`not a stored media path: ${path}`);
    await rm(join(this.dir, path), { force: true });
  }

  private async validateAndWrite(data: Buffer, field: string, claimed: MediaExtension | null): Promise<StoredMedia> {
    if (data.length === 0) throw new BadUserInputError(`${field} is empty`, field);
    const { mimeType, extension } = this.validate(data, field, claimed);
    const path = await this.place(extension, async (target) => {
      const handle = await open(target, 'wx', 0o644);
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
    });
    return this.described(path, mimeType, data.length);
  }

  /**
   * The content type the file's first bytes prove, and the extension it is stored under. A claimed
   * extension that names another allowed type (a PNG called .jpg) is renamed, so the extension on
   * disk always gives the content type the file is served with.
   */
  private validate(head: Buffer, field: string, claimed: MediaExtension | null): { mimeType: string; extension: MediaExtension } {
    const mimeType = sniffMimeType(head);
    const extension = claimed !== null && MIME_TYPES[claimed] === mimeType ? claimed : this.allowedTypes.find((type) => MIME_TYPES[type] === mimeType);
    if (mimeType === null || extension === undefined) {
      throw new BadUserInputError(`${field} is not a valid ${this.allowedTypes.join('/')} file`, field);
    }
    return { mimeType, extension };
  }

  /** The stored path a URL of this store names (`${publicUrl ?? ''}/uploads/<path>`), or null for any other URL. */
  pathOf(url: string): string | null {
    const prefix = `${this.options.publicUrl ?? ''}/uploads/`;
    const path = url.startsWith(prefix) ? url.slice(prefix.length) : '';
    return STORED_PATH.test(path) ? path : null;
  }

  /** A stored file's description, its URL and kind from its path and content type. */
  described(path: string, mimeType: string, size: number): StoredMedia {
    const kind: MediaKind = mimeType.startsWith('video/') ? 'video' : 'image';
    return { path, url: `${this.options.publicUrl ?? ''}/uploads/${path}`, mimeType, size, kind };
  }

  /** Fills a dot-named temporary file beside the target (never served), syncs it, then renames it into place. */
  private async place(extension: MediaExtension, fill: (temporary: string) => Promise<void>): Promise<string> {
    const now = new Date();
    const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const name = `${randomBytes(16).toString('hex')}.${extension}`;
    await mkdir(join(this.dir, folder), { recursive: true });
    const temporary = join(this.dir, folder, `.${name}.tmp`);
    try {
      await fill(temporary);
      const handle = await open(temporary, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, join(this.dir, folder, name));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return `${folder}/${name}`;
  }

  private allowedList(): string {
    return this.allowedTypes.join(', ');
  }

  private tooLarge(field: string): BadUserInputError {
    return new BadUserInputError(`${field} is larger than the ${formatBytes(this.options.maxBytes)} limit`, field);
  }

  private downloadMessage(reason: DownloadFailure, field: string, detail: string): string {
    switch (reason) {
      case 'private-address':
        return `${field} points to a private address`;
      case 'too-large':
        return `${field} is larger than the ${formatBytes(this.options.maxBytes)} limit`;
      case 'timeout':
        return `${field} took longer than ${(this.options.importTimeoutMs ?? 10_000) / 1000} s to download`;
      case 'too-many-redirects':
        return `${field} redirects too many times (${detail})`;
      case 'bad-url':
        return `${field} must be an http or https URL`;
      case 'http-status':
        return `${field} could not be downloaded (${detail})`;
      case 'network':
        return `${field} could not be downloaded`;
    }
  }
}

/** Enough of a file's first bytes for sniffMimeType (WebM's DocType sits within 64). */
const SNIFF_BYTES = 64;

/** A hard link when the upload's temporary file is on the same file system, else a copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/** 10485760 → "10 MB", 1536 → "1.5 KB". */
function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'bytes'];
  return `${Number(value.toFixed(1))} ${unit}`;
}
