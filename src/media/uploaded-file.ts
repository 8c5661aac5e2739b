/**
 * One file part of a multipart request, fully buffered by the multipart hook in server.ts and
 * placed in `request.body` under its field name. `truncated` is true when the part was larger
 * than UPLOAD_MAX_BYTES: `data` then holds only its first bytes and MediaStore.store refuses it.
 */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly mimetype: string,
    readonly data: Buffer,
    readonly truncated: boolean,
  ) {}
}
