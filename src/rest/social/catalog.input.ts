import { ErrorCode } from '../../graphql/errors';
import { UploadedFile } from '../../media/uploaded-file';
import { LegacyError } from '../route';

/** An id cursor param (`offset`, `my_offset`): a positive id, or none (absent or 0). */
export function offsetParam(values: Record<string, unknown>, name: string): number | null {
  const value = values[name] as number | undefined;
  if (value === undefined || value === 0) return null;
  if (value < 0) throw new LegacyError(ErrorCode.BadUserInput, `${name} must be a positive id`);
  return value;
}

/** A list's `limit` param, or its documented default. */
export function limitParam(values: Record<string, unknown>, fallback: number): number {
  return (values.limit as number | undefined) ?? fallback;
}

/** The uploaded files of a multipart field (one or several parts); text there is refused. */
export function uploadedFiles(value: unknown, name: string): UploadedFile[] {
  if (value === undefined) return [];
  const files = Array.isArray(value) ? value : [value];
  if (!files.every((file) => file instanceof UploadedFile)) throw new LegacyError(ErrorCode.BadUserInput, `${name} must be sent as multipart files`);
  return files;
}
