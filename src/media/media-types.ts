/** The file types the gateway recognises by content; UPLOAD_TYPES may allow any of them. */
export const MEDIA_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'mp4', 'mov', 'webm'] as const;

export type MediaExtension = (typeof MEDIA_EXTENSIONS)[number];

/** The content type each extension stands for; stored files are served with it. */
export const MIME_TYPES: Readonly<Record<MediaExtension, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

export function isMediaExtension(value: string): value is MediaExtension {
  return (MEDIA_EXTENSIONS as readonly string[]).includes(value);
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
/** ISO base media brands that are images or audio, not video (HEIF, AVIF, M4A...). */
const NON_VIDEO_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis', 'M4A ', 'M4B ', 'M4P ', 'crx ']);

/** The content type a file's first bytes prove, or null when they match none of the known types. */
export function sniffMimeType(data: Buffer): string | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(PNG)) return 'image/png';
  const six = data.toString('latin1', 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return 'image/gif';
  if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp') {
    const brand = data.toString('latin1', 8, 12);
    if (brand === 'qt  ') return 'video/quicktime';
    return NON_VIDEO_BRANDS.has(brand) ? null : 'video/mp4';
  }
  // Matroska shares WebM's EBML magic; the header's DocType tells them apart.
  if (data.subarray(0, 4).equals(EBML) && data.subarray(0, 64).includes('webm')) return 'video/webm';
  return null;
}

/** Where a stored file lives under UPLOAD_DIR: `<year>/<month>/<128-bit hex>.<ext>`. */
export const STORED_PATH = new RegExp(`^\\d{4}/\\d{2}/[0-9a-f]{32}\\.(?:${MEDIA_EXTENSIONS.join('|')})$`);
