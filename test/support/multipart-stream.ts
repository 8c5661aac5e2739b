import { request } from 'node:http';
import { Readable } from 'node:stream';
import { SAMPLES } from '../media/samples';

export const MB = 1024 * 1024;
export const BOUNDARY = 'bounds0boundary';
/** One megabyte of text, sent again and again: the test allocates no body. */
const MEGABYTE = Buffer.alloc(MB, 'x');

/** The opening of one part: a text field, or a file when `filename` is given. */
export function partHeader(name: string, filename?: string): Buffer {
  const file = filename ? `; filename="${filename}"\r\ncontent-type: image/png` : '';
  return Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"${file}\r\n\r\n`);
}

/** `textParts` fields of 1 MB, then `files` files of `fileMb` MB under `fileField`: the shape, generated as it is sent. */
export async function* hugeBody(textParts: number, files: number, fileMb: number, fileField: string): AsyncGenerator<Buffer> {
  for (let i = 0; i < textParts; i++) {
    yield partHeader(`t${i}`);
    yield MEGABYTE;
    yield Buffer.from('\r\n');
  }
  for (let i = 0; i < files; i++) {
    yield partHeader(fileField, `f${i}.png`);
    yield SAMPLES.png;
    for (let mb = 0; mb < fileMb; mb++) yield MEGABYTE;
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${BOUNDARY}--\r\n`);
}

export interface Answer {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/**
 * POSTs a streamed multipart body and resolves with the answer as soon as it arrives, whether or not
 * the body was all sent (a refusal may close the connection under it).
 */
export function postStream(url: string, pathAndQuery: string, body: AsyncIterable<Buffer>, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { host: target.hostname, port: target.port, method: 'POST', path: pathAndQuery, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text), headers: response.headers }));
        response.on('error', reject);
      },
    );
    // Writing into a connection the server closed after answering fails; the answer may still be on its way.
    req.on('error', (error) => setTimeout(() => reject(error), 1000));
    const source = Readable.from(body);
    source.pipe(req);
    // Once the server answered, the rest of the body is not wanted: stop sending it.
    req.on('response', () => source.destroy());
    req.on('close', () => source.destroy());
  });
}
