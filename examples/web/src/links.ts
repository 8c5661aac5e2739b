import { ApolloLink, HttpLink } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';
import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { Observable } from 'rxjs';
import type { AppConfig } from './config';
import { session } from './session';

/** The sha256 codegen gave the document (`__meta__.hash`); the manifest maps it to the text. */
export function documentHash(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('A document without __meta__.hash: write it with graphql() from src/gql and run codegen');
  return hash;
}

const bearer = (): Record<string, string> => {
  const token = session.token();
  return token ? { Authorization: `Bearer ${token}` } : {};
};

/** Adds `Authorization: Bearer <token>` to HTTP operations while signed in. */
const authLink = new ApolloLink((operation, forward) => {
  operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({ headers: { ...headers, ...bearer() } }));
  return forward(operation);
});

/**
 * Queries and mutations over HTTP. Queries go as GET with only the hash
 * (`extensions.persistedQuery.sha256Hash`), mutations as POST with the hash and no text.
 */
export function httpLink(config: AppConfig): ApolloLink {
  const http = new HttpLink({ uri: `${config.gatewayUrl}/graphql` });
  if (config.sendDocumentText) return ApolloLink.from([authLink, http]);
  // Never retried with the text, never turned off: the gateway runs only its manifest's documents.
  const persisted = new PersistedQueryLink({
    generateHash: documentHash,
    useGETForHashedQueries: true,
    retry: () => false,
    disable: () => false,
  });
  return ApolloLink.from([authLink, persisted, http]);
}

/**
 * Subscriptions over graphql-ws, signed in with `connectionParams: { Authorization }`. The socket
 * opens lazily, and is closed on sign in and out so the next subscription opens one with the new
 * token. Each subscribe message carries the hash in `extensions.persistedQuery` and an empty
 * `query` (graphql-ws requires a string there).
 */
export class PersistedWebSocketLink extends ApolloLink {
  private client: Client | null = null;

  constructor(private readonly config: AppConfig) {
    super();
    session.subscribe(() => this.restart());
  }

  /** Closes the socket (its subscriptions end); the next subscription opens one with the current token. */
  restart(): void {
    void this.client?.dispose();
    this.client = null;
  }

  private socket(): Client {
    this.client ??= createClient({ url: this.config.wsUrl, lazy: true, connectionParams: bearer });
    return this.client;
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    const { operationName, variables, query } = operation;
    const payload = this.config.sendDocumentText
      ? { query: print(query), operationName, variables }
      : { query: '', operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(query) } } };
    return new Observable<ApolloLink.Result>((observer) =>
      this.socket().subscribe(payload, {
        next: (result) => observer.next(result as ApolloLink.Result),
        error: (error) => observer.error(error instanceof Error ? error : new Error(describeSocketError(error))),
        complete: () => observer.complete(),
      }),
    );
  }
}

function describeSocketError(error: unknown): string {
  if (error instanceof CloseEvent) return `The socket closed: ${error.code} ${error.reason}`;
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message).join('; ');
  return 'The socket failed';
}
