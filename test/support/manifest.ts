import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentHash } from '../../src/graphql/trusted-documents';

/** A persisted-documents manifest in a temporary folder, as GraphQL Code Generator's client preset writes it. */
export interface TestManifest {
  dir: string;
  file: string;
  /** `sha256:<hex>` of a document text. */
  id(text: string): string;
  /** The bare hex hash of a document text (Apollo's `sha256Hash`). */
  hash(text: string): string;
  remove(): void;
}

/** Writes `{ "<sha256 hex>": "<text>" }` for the documents to `<tmp>/persisted-documents.json`. */
export function writeManifest(documents: readonly string[]): TestManifest {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-manifest-'));
  const file = join(dir, 'persisted-documents.json');
  writeFileSync(file, JSON.stringify(Object.fromEntries(documents.map((text) => [documentHash(text), text])), null, 2));
  return {
    dir,
    file,
    id: (text) => `sha256:${documentHash(text)}`,
    hash: documentHash,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
