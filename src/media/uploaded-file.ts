import { open } from 'node:fs/promises';

/**
 * One file part of a multipart request, streamed to a temporary file under UPLOAD_DIR by
 * src/http/multipart.ts and placed in `request.body` under its field name. The temporary file is
 * removed when the request ends; MediaStore.store links it into place first. `truncated` is true
 * when the part was larger than UPLOAD_MAX_BYTES: only its first bytes were kept and
 * MediaStore.store refuses it.
 */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly mimetype: string,
    /** The temporary file holding the part's bytes. */
    readonly path: string,
    readonly size: number,
    readonly truncated: boolean,
  ) {}

  /** The file's first `length` bytes (fewer when it is shorter): enough to tell its type. */
  async head(length: number): Promise<Buffer> {
    const handle = await open(this.path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
}
