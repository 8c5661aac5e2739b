import { GraphQLError } from 'graphql';
import { badRequest } from './graphql-errors';
import { documentHash, hashOfId, type TrustedDocuments } from './trusted-documents';

/** The codes a persisted-document request is refused with, over HTTP and WebSocket. */
export enum TrustedDocumentCode {
  /** The id names no document (in a manifest, or in the APQ cache where APQ is on). */
  NotFound = 'PERSISTED_QUERY_NOT_FOUND',
  /** TRUSTED_DOCUMENTS_ONLY: the document's text is in no manifest. */
  NotInList = 'PERSISTED_QUERY_NOT_IN_LIST',
}

/** Apollo's own header on its persisted-query errors: no cache may keep the refusal once the document exists. */
const NO_STORE = new Map([['cache-control', 'private, no-cache, must-revalidate']]);

/** What a transport received, before any document is parsed. `query` "" counts as absent (graphql-ws needs a string). */
export interface DocumentRequest {
  query?: unknown;
  /** GraphQL over HTTP's persisted-document id, `sha256:<hex>`; null counts as absent. */
  documentId?: unknown;
  /** May carry Apollo's `persistedQuery: { version: 1, sha256Hash }`. */
  extensions?: Record<string, unknown> | null;
}

/** The request to run: its document text (undefined: none given) and its extensions. */
export interface ResolvedDocument {
  query: unknown;
  extensions: Record<string, unknown> | undefined;
}

/** How the transport answers ids no manifest holds. */
export interface ResolveOptions {
  /** HTTP, APQ allowed: an unknown APQ hash and an unlisted text with its hash are left to Apollo's APQ cache. */
  apq: boolean;
}

/**
 * The one guard every GraphQL door (HTTP GET and POST, WebSocket `subscribe`) puts a request through
 * before anything is parsed: a `documentId` or APQ hash a manifest holds becomes that document's
 * text; with TRUSTED_DOCUMENTS_ONLY a text no manifest holds is refused (PERSISTED_QUERY_NOT_IN_LIST),
 * as is an id none holds (PERSISTED_QUERY_NOT_FOUND). Throws the refusal as a GraphQLError whose
 * `extensions.http` gives the HTTP status.
 */
export class TrustedDocumentGuard {
  constructor(
    /** The manifests' documents; null without TRUSTED_DOCUMENTS. */
    readonly documents: TrustedDocuments | null,
    /** Whether only manifest documents may run. */
    readonly only: boolean,
  ) {}

  resolve(request: DocumentRequest, options: ResolveOptions): ResolvedDocument {
    // A null id is no id, as Apollo reads a null `query`: clients that send every field kept running.
    const documentId = request.documentId ?? undefined;
    const extensions = request.extensions ?? undefined;
    const text = request.query === '' ? undefined : request.query;
    if (documentId !== undefined && typeof documentId !== 'string') throw badRequest('`documentId` must be a string: sha256:<64 hex digits>');
    const persisted = apqHash(extensions);
    if (documentId !== undefined && persisted !== undefined && hashOfId(documentId) !== persisted) {
      throw badRequest('`documentId` and `extensions.persistedQuery.sha256Hash` name different documents');
    }
    const id = documentId ?? persisted;
    if (typeof text === 'string') return this.checkedText(text, id, extensions, options);
    // A query that is not a string is Apollo's to refuse (400); so is a request with neither a query nor an id.
    if (text !== undefined || id === undefined) return { query: text, extensions };
    const listed = this.documents?.get(id);
    if (listed !== undefined) return { query: listed, extensions: withoutPersistedQuery(extensions) };
    if (documentId === undefined && options.apq && !this.only) return { query: undefined, extensions };
    throw notFound(documentId !== undefined);
  }

  private checkedText(text: string, id: string | undefined, extensions: ResolvedDocument['extensions'], options: ResolveOptions): ResolvedDocument {
    if (!this.documents && !this.only) return { query: text, extensions };
    const hash = documentHash(text);
    if (id !== undefined && hashOfId(id) !== hash) throw badRequest('provided sha does not match query');
    const listed = this.documents?.get(hash) !== undefined;
    if (this.only && !listed) throw notInList();
    // A listed text needs no APQ registration; an unlisted one keeps its hash for Apollo's cache.
    return { query: text, extensions: listed || !options.apq ? withoutPersistedQuery(extensions) : extensions };
  }
}

/** Apollo's `persistedQuery.sha256Hash` when it is a version-1 hash; anything else is left for Apollo to answer. */
function apqHash(extensions: ResolvedDocument['extensions']): string | undefined {
  const persisted = extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

function withoutPersistedQuery(extensions: ResolvedDocument['extensions']): ResolvedDocument['extensions'] {
  if (!extensions || !('persistedQuery' in extensions)) return extensions;
  const { persistedQuery: _resolved, ...rest } = extensions;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * An unknown id: 404 for a `documentId`; 200 for an APQ hash, as Apollo answers it, so Apollo
 * Client's persisted-query link sends the text next (refused in only-mode unless listed).
 */
function notFound(byDocumentId: boolean): GraphQLError {
  return new GraphQLError(byDocumentId ? 'No trusted document has this documentId' : 'PersistedQueryNotFound', {
    extensions: { code: TrustedDocumentCode.NotFound, http: { status: byDocumentId ? 404 : 200, headers: NO_STORE } },
  });
}

function notInList(): GraphQLError {
  return new GraphQLError('Only trusted documents may run here: this document is in no manifest (TRUSTED_DOCUMENTS_ONLY)', {
    extensions: { code: TrustedDocumentCode.NotInList, http: { status: 400, headers: NO_STORE } },
  });
}
