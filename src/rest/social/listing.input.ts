import { ErrorCode } from '../../errors';
import { encodeCursor, MAX_FIRST } from '../../graphql/connection';
import { UploadedFile } from '../../media/uploaded-file';
import { LegacyError } from '../route';

/** An id cursor param (`offset`, `my_offset`): a positive id, or none (absent or 0). */
export function offsetParam(values: Record<string, unknown>, name: string): number | null {
  const value = values[name] as number | undefined;
  if (value === undefined || value === 0) return null;
  if (value < 0) throw new LegacyError(ErrorCode.BadUserInput, `${name} must be a positive id`);
  return value;
}

/** A list's `limit` param, or its documented default: at least 1, and more than MAX_FIRST reads as MAX_FIRST. */
export function limitParam(values: Record<string, unknown>, fallback: number): number {
  const limit = (values.limit as number | undefined) ?? fallback;
  if (!Number.isInteger(limit) || limit < 1) throw new LegacyError(ErrorCode.BadUserInput, 'limit must be at least 1');
  return Math.min(limit, MAX_FIRST);
}

/** An id cursor param (`offset`: rows with lower ids, newest first) as a connection's `after` cursor, or null. */
export function afterParam(values: Record<string, unknown>, name: string): string | null {
  const id = offsetParam(values, name);
  return id === null ? null : encodeCursor([id]);
}

/** The uploaded files of a multipart field (one or several parts); text there is refused. */
export function uploadedFiles(value: unknown, name: string): UploadedFile[] {
  if (value === undefined) return [];
  const files = Array.isArray(value) ? value : [value];
  if (!files.every((file) => file instanceof UploadedFile)) throw new LegacyError(ErrorCode.BadUserInput, `${name} must be sent as multipart files`);
  return files;
}
