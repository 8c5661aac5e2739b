import type { FastifyInstance, FastifyReply } from 'fastify';
import { assetPageHtml, type NpmAsset, registerNpmAssets } from '../http/npm-assets';
import { newNonce, pageSecurityHeaders } from '../http/security-headers';

/** npm-installed browser builds GraphiQL needs; served from this gateway so no CDN is involved. */
const ASSETS = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  'graphql-ws.js': { pkg: 'graphql-ws', file: 'umd/graphql-ws.min.js', type: 'text/javascript' },
} satisfies Record<string, NpmAsset>;

/** The operations the playground opens with; each one validates against the schema (test/graphiql). */
export const DEFAULT_QUERY = `# Welcome to the gateway's GraphiQL.
#
# 1. Run "Login" with the demo credentials printed at start-up.
# 2. Open the Headers tab below and paste:
#      { "Authorization": "Bearer <the token you got>" }
# 3. Run "Viewer", or start "Presence" and, in another tab, run setPresence.
# 4. Run "MyChats"; start "NewMessages" on one of them and, in another tab
#    (signed in as asdasdasd@gmail.com), run "SendMessage".

mutation Login {
  login(input: { login: "asd@gmail.com", password: "asdasdasd" }) {
    token
    user { id username }
  }
}

query Viewer {
  viewer { id msid username email name status role { name } presence }
}

subscription Presence {
  presenceChanged(userIds: ["VXNlcjox", "VXNlcjoy", "VXNlcjoz", "VXNlcjo0", "VXNlcjo1"]) { userDatabaseId presence lastSeenAt }
}

mutation GoOnline {
  setPresence(input: { presence: ONLINE }) { id presence }
}

query MyChats {
  chats(first: 20) { nodes { id title unreadCount lastMessage { text sender { username } } } pageInfo { hasNextPage endCursor } }
}

subscription NewMessages {
  messageAdded(chatId: "Q2hhdDox") { id text sender { username } createdAt }
}

mutation SendMessage {
  sendMessage(input: { chatId: "Q2hhdDox", text: "Hello from GraphiQL" }) { id text }
}
`;

/**
 * The page's own script: a fetcher that sends queries and mutations over HTTP and subscriptions
 * over graphql-ws, both with the headers typed into GraphiQL's Headers tab.
 */
const CLIENT_SCRIPT = `
(function () {
  // The nonce this script was loaded with: GraphiQL's menus and dialogs insert a <style> element
  // (scroll locking), which carries the nonce __webpack_nonce__ names, so the page's policy allows it.
  window.__webpack_nonce__ = document.currentScript && document.currentScript.nonce || undefined;
  var httpUrl = new URL('/graphql', location.href).toString();
  var wsUrl = httpUrl.replace(/^http/, 'ws');
  var clients = {};
  function wsClient(headers) {
    var key = JSON.stringify(headers || {});
    if (!clients[key]) clients[key] = graphqlWs.createClient({ url: wsUrl, connectionParams: headers || {}, lazy: true, retryAttempts: 0 });
    return clients[key];
  }
  function isSubscription(params, opts) {
    var doc = opts && opts.documentAST;
    if (!doc) return /^\\s*subscription\\b/.test(params.query || '');
    var ops = doc.definitions.filter(function (d) { return d.kind === 'OperationDefinition'; });
    var op = ops.find(function (d) { return d.name && d.name.value === params.operationName; }) || ops[0];
    return !!op && op.operation === 'subscription';
  }
  function fetcher(params, opts) {
    var headers = (opts && opts.headers) || {};
    if (isSubscription(params, opts)) return wsClient(headers).iterate(params);
    return fetch(httpUrl, {
      method: 'POST',
      headers: Object.assign({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }, headers),
      body: JSON.stringify(params),
    }).then(function (res) { return res.json(); });
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    defaultHeaders: '{}',
    headerEditorEnabled: true,
    shouldPersistHeaders: true,
    defaultEditorToolsVisibility: 'headers',
  }));
})();
`;

/** The 404 body of GraphiQL's routes while it is off (production without GRAPHIQL=1). */
export const GRAPHIQL_DISABLED = { error: 'GraphiQL is disabled on this server (set GRAPHIQL=1 to enable it)' };

/** Sends the GraphiQL page, with its security headers, on a reply. */
export type GraphiqlPage = (reply: FastifyReply) => FastifyReply;

/** The nonce placeholder in the page's HTML, replaced on every answer. */
const NONCE = '__GRAPHIQL_NONCE__';

/**
 * Serves `GET /graphiql`, its script, and the npm-installed assets it loads, and returns the page's
 * sender (which `/graphql` also uses for browsers); when `enabled` is false (production without
 * GRAPHIQL=1) each of them answers 404 saying GraphiQL is disabled, and null is returned. The page
 * answers with a content-security policy (src/http/security-headers.ts) and a nonce of its own.
 */
export function registerGraphiql(app: FastifyInstance, enabled: boolean): GraphiqlPage | null {
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  if (!enabled) {
    for (const url of ['/graphiql', '/graphiql/app.js', '/graphiql/assets/:name']) {
      app.get(url, async (_request, reply) => reply.code(404).send(GRAPHIQL_DISABLED));
    }
    return null;
  }
  const urls = registerNpmAssets(app, '/graphiql/assets', ASSETS);
  const style = 'html, body, #graphiql { height: 100%; margin: 0; }';
  const html = assetPageHtml({
    title: 'GraphiQL · gateway',
    root: { id: 'graphiql', loading: 'Loading GraphiQL…' },
    stylesheets: [urls['graphiql.css']],
    style,
    scripts: [urls['react.js'], urls['react-dom.js'], urls['graphiql.js'], urls['graphql-ws.js']],
    initialiser: '/graphiql/app.js',
    initialiserNonce: NONCE,
  });
  const [before, after] = html.split(NONCE);
  const page: GraphiqlPage = (reply) => {
    const nonce = newNonce();
    return reply
      .headers(pageSecurityHeaders({ assets: true, connect: true, inlineStyles: [style] }, nonce))
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(`${before}${nonce}${after}`);
  };
  app.get('/graphiql', async (_request, reply) => page(reply));
  app.get('/graphiql/app.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('x-content-type-options', 'nosniff').send(CLIENT_SCRIPT));
  return page;
}
