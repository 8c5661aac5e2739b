import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kind, parse } from 'graphql';

/** Documents all manifests may hold together: far above what one set of apps sends. */
export const MAX_TRUSTED_DOCUMENTS = 10_000;
/** The largest document text (UTF-8 bytes) a manifest may hold. */
export const MAX_TRUSTED_DOCUMENT_BYTES = 256 * 1024;
/** The largest manifest file read, and the most `*.json` files a folder may hold. */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
export const MAX_MANIFEST_FILES = 100;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A manifest that cannot be trusted: start-up stops with this message, which names the file and key. */
export class TrustedDocumentsError extends Error {
  constructor(message: string) {
    super(`TRUSTED_DOCUMENTS: ${message}`);
    this.name = 'TrustedDocumentsError';
  }
}

/** The lower-case hex SHA-256 of a document's UTF-8 text: its id without the `sha256:` prefix. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The hex hash an id names: `sha256:<64 hex>` (GraphQL over HTTP's persisted documents) or the bare
 * 64 hex digits (Apollo's `persistedQuery.sha256Hash`); null for any other id.
 */
export function hashOfId(id: string): string | null {
  const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return SHA256_HEX.test(hex) ? hex : null;
}

/**
 * The documents the frontends were built with, loaded once at start from GraphQL Code Generator's
 * client-preset manifests (`persisted-documents.json`: `{ "<sha256 hex>": "<document text>" }`).
 * Read-only once loaded; looked up by id or by text.
 */
export class TrustedDocuments {
  private constructor(
    private readonly byHash: ReadonlyMap<string, string>,
    /** The manifest files read, in order. */
    readonly files: readonly string[],
    /** The names of the manifests' operations: the apps' own, a closed list the operator deployed. */
    readonly operationNames: ReadonlySet<string>,
  ) {}

  get size(): number {
    return this.byHash.size;
  }

  /** The text of the document an id names (`sha256:<hex>` or `<hex>`), or undefined. */
  get(id: string): string | undefined {
    const hash = hashOfId(id);
    return hash === null ? undefined : this.byHash.get(hash);
  }

  /** Whether a manifest holds this exact text (by its SHA-256). */
  hasText(text: string): boolean {
    return this.byHash.has(documentHash(text));
  }

  /**
   * Reads `path`: a manifest file, or a folder whose `*.json` files are all manifests. Every key
   * must be the SHA-256 of its text (bare or `sha256:`-prefixed) and every text a GraphQL document
   * with an operation within `maxTokens`; the first that is not stops with a TrustedDocumentsError.
   */
  static load(path: string, maxTokens: number): TrustedDocuments {
    const files = manifestFiles(resolve(path));
    const byHash = new Map<string, string>();
    const operationNames = new Set<string>();
    for (const file of files) {
      for (const [key, text] of Object.entries(readManifest(file))) {
        const { hash, names } = checkedEntry(file, key, text, maxTokens);
        if (!byHash.has(hash) && byHash.size >= MAX_TRUSTED_DOCUMENTS) {
          throw new TrustedDocumentsError(`${file}: more than ${MAX_TRUSTED_DOCUMENTS} documents in all the manifests`);
        }
        byHash.set(hash, text as string);
        for (const name of names) operationNames.add(name);
      }
    }
    return new TrustedDocuments(byHash, files, operationNames);
  }
}

function manifestFiles(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new TrustedDocumentsError(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`);
  }
  if (!isFolder) return [path];
  const files = readdirSync(path)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) throw new TrustedDocumentsError(`${path}: the folder holds no *.json manifest`);
  if (files.length > MAX_MANIFEST_FILES) throw new TrustedDocumentsError(`${path}: more than ${MAX_MANIFEST_FILES} manifests in the folder`);
  return files;
}

function readManifest(file: string): Record<string, unknown> {
  let manifest: unknown;
  try {
    if (statSync(file).size > MAX_MANIFEST_BYTES) throw new Error(`larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`);
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TrustedDocumentsError(`${file}: not a readable JSON manifest (${(error as Error).message})`);
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new TrustedDocumentsError(`${file}: expected a JSON object { "<sha256 hex>": "<document text>" }`);
  }
  return manifest as Record<string, unknown>;
}

/**
 * The entry's hash and operation names once it is proved: its key is the text's SHA-256 and the
 * text is a document with an operation.
 */
function checkedEntry(file: string, key: string, text: unknown, maxTokens: number): { hash: string; names: string[] } {
  const where = `${file}, key "${key.length > 80 ? `${key.slice(0, 80)}…` : key}"`;
  const hash = hashOfId(key.toLowerCase());
  if (hash === null) throw new TrustedDocumentsError(`${where}: a key must be the document's SHA-256 in hex (or sha256:<hex>)`);
  if (typeof text !== 'string') throw new TrustedDocumentsError(`${where}: the value must be the document's text`);
  if (Buffer.byteLength(text) > MAX_TRUSTED_DOCUMENT_BYTES) throw new TrustedDocumentsError(`${where}: the document is over ${MAX_TRUSTED_DOCUMENT_BYTES / 1024} KiB`);
  if (documentHash(text) !== hash) throw new TrustedDocumentsError(`${where}: the key is not the SHA-256 of its document (it is ${documentHash(text)})`);
  let names: string[];
  try {
    const operations = parse(text, { maxTokens }).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (operations.length === 0) throw new Error('it has no operation');
    names = operations.flatMap((operation) => (operation.name ? [operation.name.value] : []));
  } catch (error) {
    const message = (error as Error).message;
    if (/Parsing aborted/.test(message)) throw new TrustedDocumentsError(`${where}: the document has more than QUERY_MAX_TOKENS (${maxTokens}) tokens`);
    throw new TrustedDocumentsError(`${where}: the document does not parse (${message})`);
  }
  return { hash, names };
}
