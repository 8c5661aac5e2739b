import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadedFile } from '../../src/media/uploaded-file';

const pad = (head: number[] | Buffer, size = 48) => Buffer.concat([Buffer.from(head), Buffer.alloc(size)]);
const ascii = (text: string) => [...Buffer.from(text, 'latin1')];

/** The smallest buffers whose first bytes are what each type's real files start with. */
export const SAMPLES = {
  jpg: pad([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF')]),
  png: pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, ...ascii('IHDR')]),
  gif: pad(ascii('GIF89a')),
  gif87: pad(ascii('GIF87a')),
  mp4: pad([0x00, 0x00, 0x00, 0x18, ...ascii('ftypisom'), 0x00, 0x00, 0x02, 0x00, ...ascii('isomiso2')]),
  mov: pad([0x00, 0x00, 0x00, 0x14, ...ascii('ftypqt  '), 0x20, 0x05, 0x03, 0x00, ...ascii('qt  ')]),
  webm: pad([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0x82, 0x84, ...ascii('webm')]),
  /** Matroska: WebM's EBML magic with another DocType. */
  mkv: pad([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88, ...ascii('matroska')]),
  /** HEIF: an ISO base media file that is an image, not a video. */
  heic: pad([0x00, 0x00, 0x00, 0x18, ...ascii('ftypheic'), 0x00, 0x00, 0x00, 0x00, ...ascii('mif1heic')]),
  exe: pad(ascii('MZ\x90\x00')),
  html: Buffer.from('<!doctype html><script>alert(1)</script>'),
};

/** Every file under `dir`, relative, including dot-named ones. */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((entry) => statSync(join(dir, entry)).isFile()).sort();
}

let uploadsDir: string | null = null;

/** An UploadedFile holding `data`, as the multipart reader would hand it to a route (its bytes in a temporary file). */
export function uploadedFile(filename: string, data: Buffer, options: { truncated?: boolean; mimetype?: string } = {}): UploadedFile {
  uploadsDir ??= mkdtempSync(join(tmpdir(), 'uploaded-'));
  const path = join(uploadsDir, `${readdirSync(uploadsDir).length}`);
  writeFileSync(path, data);
  return new UploadedFile(filename, options.mimetype ?? 'application/octet-stream', path, data.length, options.truncated ?? false);
}
