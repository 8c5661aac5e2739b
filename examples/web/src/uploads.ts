import type { AppConfig } from './config';

/** What `POST /uploads` answers: a stored file to pass by id to a mutation before it expires. */
export interface UploadedFile {
  id: string;
  url: string;
  mimeType: string;
  size: number;
  kind: string;
  expiresAt: string;
}

/** Uploads one file (multipart field `file`) to the gateway for the signed-in viewer. */
export async function uploadFile(config: AppConfig, token: string, file: File): Promise<UploadedFile> {
  const body = new FormData();
  body.append('file', file);
  const response = await fetch(`${config.gatewayUrl}/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body });
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new Error(answer?.message ?? answer?.errors?.[0]?.message ?? `The upload failed (${response.status})`);
  return answer as UploadedFile;
}
