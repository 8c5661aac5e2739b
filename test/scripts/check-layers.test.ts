import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const project = join(__dirname, '..', '..');
const script = join(project, 'scripts', 'check-layers.mjs');

/** Runs the layer check on a tree of the given files (relative path → text), laid out like this project. */
function checkTree(files: Record<string, string>) {
  // Inside the project, so `graphql` and `kysely` resolve from its node_modules as they do for src/.
  const root = mkdtempSync(join(project, 'test', '.layers-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const clean = {
  'src/db/schema.ts': 'export interface DB { posts: { id: number } }\n',
  'src/domains/content/post.row.ts': "import type { DB } from '../../db/schema';\nexport type PostRow = DB['posts'];\n",
  'src/domains/content/post.repository.ts':
    "import { type Kysely, sql } from 'kysely';\nimport type { DB } from '../../db/schema';\nimport type { PostRow } from './post.row';\n" +
    "export const findPosts = (db: Kysely<DB>): Promise<PostRow[]> => db.selectFrom('posts').select(sql<number>`1`.as('id')).execute();\n",
  'src/domains/content/post.service.ts':
    "import type { Kysely } from 'kysely';\nimport type { DB } from '../../db/schema';\nimport { findPosts } from './post.repository';\nexport const posts = (db: Kysely<DB>) => findPosts(db);\n",
  'src/rest/community/post.routes.ts': "import { execute } from '../../graphql/execute';\nexport const routes = [execute];\n",
  'src/graphql/execute.ts': "import { posts } from '../domains/content/post.service';\nexport const execute = posts;\n",
};

/**
 * One case per rule: the files that break it, added to the clean tree, and the import the check must
 * name (from → to). Every path is new, so all the cases fit in one tree and none hides another.
 */
const cases: [what: string, rule: string, files: Record<string, string>, from: string, to: string][] = [
  [
    'a shim that imports a domain',
    'shims-only-execute',
    { 'src/rest/shim/post.routes.ts': "import { posts } from '../../domains/content/post.service';\nexport const routes = [posts];\n" },
    'src/rest/shim/post.routes.ts',
    'src/domains/content/post.service.ts',
  ],
  [
    'a domain that imports a legacy family',
    'domains-know-no-legacy-api',
    { 'src/rest/legacy/shape.ts': 'export const shape = 1;\n', 'src/domains/legacy/post.service.ts': "import { shape } from '../../rest/legacy/shape';\nexport const posts = shape;\n" },
    'src/domains/legacy/post.service.ts',
    'src/rest/legacy/shape.ts',
  ],
  [
    'the database layer importing GraphQL',
    'db-knows-no-graphql',
    { 'src/db/unique.ts': "import { GraphQLError } from 'graphql';\nexport const conflict = new GraphQLError('taken');\n" },
    'src/db/unique.ts',
    'node_modules/graphql/index.js',
  ],
  [
    'errors that import GraphQL',
    'errors-are-transport-neutral',
    { 'src/errors.ts': "import { GraphQLError } from 'graphql';\nexport class NotFoundError extends GraphQLError {}\n" },
    'src/errors.ts',
    'node_modules/graphql/index.js',
  ],
  [
    'a row type that imports a GraphQL type',
    'rows-know-no-graphql',
    { 'src/domains/rows/post.type.ts': 'export class Post {}\n', 'src/domains/rows/post.row.ts': "import type { Post } from './post.type';\nexport type PostRow = Post;\n" },
    'src/domains/rows/post.row.ts',
    'src/domains/rows/post.type.ts',
  ],
  [
    'a resolver that imports a repository',
    'resolvers-call-services',
    { 'src/domains/content/post.resolver.ts': "import { findPosts } from './post.repository';\nexport const feed = findPosts;\n" },
    'src/domains/content/post.resolver.ts',
    'src/domains/content/post.repository.ts',
  ],
  [
    'a cycle through type-only imports',
    'no-cycles',
    {
      'src/graphql/context.ts': "import type { Loaders } from './loaders';\nexport interface Context { loaders: Loaders }\n",
      'src/graphql/loaders.ts': "import type { Context } from './context';\nexport type Loaders = (ctx: Context) => void;\n",
    },
    'src/graphql/context.ts',
    'src/graphql/loaders.ts → src/graphql/context.ts',
  ],
];

/** A service that writes SQL itself, which only the SQL check (not dependency-cruiser) refuses. */
const sqlInService = {
  'src/domains/sql/post.service.ts':
    "import { type Kysely, sql } from 'kysely';\nimport type { DB } from '../../db/schema';\n\nexport const posts = (db: Kysely<DB>) => db.selectFrom('posts').select(sql<number>`1`.as('id')).execute();\n",
};

// Each run costs a couple of seconds (a Node start, TypeScript, dependency-cruiser), so every
// violation is checked in one tree, run once when a case first needs it.
let violating: ReturnType<typeof checkTree> | undefined;
const checkViolating = () => (violating ??= checkTree(Object.assign({}, clean, sqlInService, ...cases.map(([, , files]) => files))));

/** A string that matches itself in a RegExp. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('npm run lint:layers (scripts/check-layers.mjs)', () => {
  it('passes a tree that follows the layer rules', () => {
    const { status, output } = checkTree(clean);
    expect(output).toContain('imports point one way');
    expect(status).toBe(0);
  });

  it.each(cases)('refuses %s (%s)', (_what, rule, _files, from, to) => {
    const { status, output } = checkViolating();
    // The err reporter wraps a cycle or a reachable path over several lines, and names a package by
    // its path from the tree (which depends on where node_modules lives), hence the joined lines and
    // the \S* before the target.
    expect(output.replace(/\s+/g, ' ')).toMatch(new RegExp(`error ${rule}: ${literal(from)} → \\S*${literal(to)}`));
    expect(status).toBe(1);
  });

  it('refuses SQL written outside repositories, naming the file and line', () => {
    const { status, output } = checkViolating();
    expect(output).toContain("src/domains/sql/post.service.ts:1 imports kysely's sql");
    expect(output).toContain('src/domains/sql/post.service.ts:4 starts a query (selectFrom)');
    expect(status).toBe(1);
  });
});
