import type { TestGateway } from '../support/gateway';

/** POSTs `data` to /uploads as the multipart part `file` named `filename`, with the Bearer token when given. */
export function postUpload(gw: TestGateway, token: string | null, filename: string, data: Buffer, field = 'file') {
  return gw.http('POST', '/uploads', { multipart: fileForm([[field, filename, data]]), headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** A multipart form of file parts, each `[field, filename, bytes]`. */
export function fileForm(parts: [string, string, Buffer][]): FormData {
  const form = new FormData();
  for (const [field, filename, data] of parts) form.append(field, new Blob([new Uint8Array(data)]), filename);
  return form;
}

/** The rows of pending_uploads, oldest first. */
export function pendingRows(gw: TestGateway) {
  return gw.app.database.db.selectFrom('pending_uploads').selectAll().orderBy('id').execute();
}

export const UPDATE_AVATAR = 'mutation($id: Upload!) { updateProfile(input: { avatarFile: $id }) { avatar } }';
export const SEND_MEDIA = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { mediaUrl mediaType } }';
