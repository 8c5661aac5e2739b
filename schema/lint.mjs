// The schema lint (`npm run schema:lint`, and part of `npm run lint`): the printed schema,
// schema/schema.graphql, checked against the conventions of schema/STYLE.md with @graphql-eslint's
// schema rules and a few local rules for what those cannot say. eslint.config.mjs includes it.
// test/graphql/schema-lint.test.ts lints a schema breaking each rule and one following STYLE.md.
import graphql from '@graphql-eslint/eslint-plugin';

/**
 * The parser, with the linted file as its own schema: the printed schema is complete, so the rules
 * that need a schema (relay-*, strict-id-in-types …) read the very text being linted, and a schema
 * given on stdin (the test) is checked as itself rather than against the file on disk.
 */
const selfSchemaParser = {
  meta: { name: 'graphql-eslint-self-schema' },
  parseForESLint: (code, options) => graphql.parser.parseForESLint(code, { ...options, schemaSdl: code }),
};

/** A rule of the plugin whose reports pass through `keep` first (to narrow it to what STYLE.md asks). */
function narrowed(rule, keep) {
  return {
    meta: rule.meta,
    create(context) {
      const narrowedContext = Object.create(context, { report: { value: (descriptor) => keep(descriptor) && context.report(descriptor) } });
      return rule.create(narrowedContext);
    },
  };
}

const unwrap = (type) => (type.kind === 'NamedType' ? type.name.value : unwrap(type.type));
const print = (type) => (type.kind === 'NamedType' ? type.name.value : type.kind === 'ListType' ? `[${print(type.type)}]` : `${print(type.type)}!`);

/** The type a field or argument (an ESTree node of the plugin) names, without list and non-null wrappers. */
const namedType = (node) => unwrap(node.rawNode().type);

/** The type of a field or argument as the schema spells it (`[ID!]!`). */
const printType = (node) => print(node.rawNode().type);

/** Fields, arguments and input fields: what a rule about names and types of values visits. */
const VALUES = 'FieldDefinition, InputValueDefinition';

/** Fields that start with their type's name and keep it: names the legacy APIs and every client know. */
const TYPENAME_PREFIX_ALLOWED = [
  // The account name everywhere.
  'User.username',
  // The label's public text id (`label_id`, e.g. "vip"), the one the marketing API shows and takes
  // (`label_ids`, addLabels' labelIds); not the row (that is databaseId / id).
  'Label.labelId',
  // The marketing API's `user_type` (admin or member, from the role): the name every client of it knows.
  'User.userType',
];

/**
 * Int fields named like ids that are codes from outside this database, not rows: no table to give
 * them a global id (nor a `databaseId`). Each by `Type.field`, with why.
 */
const EXTERNAL_CODE_IDS = [
  // The marketing product's module numbers a package unlocks (`module_ids`, stored as text "1,4,7"):
  // codes of the marketing product's modules; there is no modules table.
  'Package.moduleIds',
  'CreatePackageInput.moduleIds',
  'UpdatePackageInput.moduleIds',
  // WoWonder's `country_id`: the index of a country in WoWonder's own country list (0: none); there
  // is no countries table, the number is passed through as the social API gives it.
  'CreateUserInput.countryId',
  'UpdateUserInput.countryId',
  'UpdateProfileInput.countryId',
  'User.countryId',
];

/** The local rules: conventions of STYLE.md that no @graphql-eslint rule checks. */
const style = {
  rules: {
    // STYLE "Objects and ids": an argument or input field that names an object takes its global id
    // (ID), never its number; a number on an object type is `databaseId` / `<x>DatabaseId`.
    'no-int-ids': {
      meta: { type: 'problem', schema: [] },
      create: (context) => ({
        [VALUES](node) {
          const name = node.name.value;
          if (!/^ids?$|[a-z]Ids?$/i.test(name) || namedType(node) !== 'Int') return;
          if (EXTERNAL_CODE_IDS.includes(`${node.parent.name.value}.${name}`)) return;
          const output = node.kind === 'FieldDefinition';
          if (output && /^databaseId$|DatabaseIds?$/.test(name)) return;
          context.report({
            node: node.name,
            message: output
              ? `"${name}" holds database numbers: name it ${name.replace(/Ids?$/, (s) => (s === 'Ids' ? 'DatabaseIds' : 'DatabaseId'))} (or return the objects)`
              : `"${name}" names an object by its number: take its global id (ID) instead`,
          });
        },
      }),
    },
    // STYLE "Lists": page with connections (first/after/last/before), not page numbers, limits or
    // beforeId; `offset` only beside them, on a connection whose legacy callers page by number.
    'no-legacy-paging': {
      meta: { type: 'problem', schema: [] },
      create: (context) => ({
        'FieldDefinition > InputValueDefinition'(node) {
          const name = node.name.value;
          const field = node.parent;
          const connection = /Connection$/.test(namedType(field));
          if (['page', 'pageSize', 'perPage', 'limit', 'beforeId', 'afterId', 'sinceId'].includes(name) || (name === 'offset' && !connection)) {
            context.report({ node: node.name, message: `"${field.name.value}(${name})": page with a connection (first/after/last/before) instead` });
          }
        },
        ObjectTypeDefinition(node) {
          if (/.Page$/.test(node.name.value)) context.report({ node: node.name, message: `"${node.name.value}": a page of a list is an XConnection (connectionType), not an XPage type` });
        },
      }),
    },
    // STYLE "Codes": codes are enums, never numbers.
    'enum-codes': {
      meta: { type: 'problem', schema: [] },
      create: (context) => ({
        [VALUES](node) {
          const name = node.name.value;
          if (/^(status|type|state|kind|role|privacy|visibility|level)$|[a-z](Status|Type|State|Kind|Privacy|Visibility)$/.test(name) && namedType(node) === 'Int') {
            context.report({ node: node.name, message: `"${name}" is a code: make it an enum, not an Int` });
          }
        },
      }),
    },
    // STYLE "Mutations": a delete returns the deleted object's global id (a batch delete, the ids).
    'delete-returns-id': {
      meta: { type: 'problem', schema: [] },
      create: (context) => ({
        'ObjectTypeDefinition[name.value=Mutation] > FieldDefinition[name.value=/^delete/]'(node) {
          const type = printType(node);
          if (type !== 'ID!' && type !== '[ID!]!') context.report({ node: node.name, message: `"${node.name.value}" answers ${type}: a delete returns the deleted object's global id (ID!)` });
        },
      }),
    },
    // STYLE "Descriptions": every root field says what it does (for a list: the order and the bound).
    // @graphql-eslint's require-description has `rootField` for this, but its selector joins the root
    // type names with "," (`/^(Query,Mutation)$/`), so it matches nothing in a schema with mutations.
    'root-field-description': {
      meta: { type: 'suggestion', schema: [] },
      create: (context) => ({
        'ObjectTypeDefinition[name.value=/^(Query|Mutation|Subscription)$/] > FieldDefinition'(node) {
          if (!node.description?.value.trim()) context.report({ node: node.name, message: `Description is required for "${node.parent.name.value}.${node.name.value}"` });
        },
      }),
    },
    // STYLE "Mutations": one `input: <Mutation>Input!` for a mutation with more than one argument —
    // @graphql-eslint's input-name, narrowed: a mutation with a single argument (`deletePost(postId:)`)
    // may name it after its target.
    'input-name': narrowed(graphql.rules['input-name'], (descriptor) => {
      let argument = descriptor.node;
      while (argument && argument.kind !== 'InputValueDefinition') argument = argument.parent;
      if (!argument) return true;
      // The argument's type is checked only when it is the `input` (`input: <Mutation>Input!`).
      if (/^Input type/.test(descriptor.message ?? '')) return argument.name.value === 'input';
      return (argument.parent.arguments ?? []).length > 1;
    }),
    // @graphql-eslint's no-typename-prefix, but for names the legacy APIs and every client know.
    'no-typename-prefix': narrowed(graphql.rules['no-typename-prefix'], (descriptor) => {
      const field = descriptor.node.kind === 'Name' ? descriptor.node.parent : descriptor.node;
      const type = field.parent?.name?.value;
      return !TYPENAME_PREFIX_ALLOWED.includes(`${type}.${field.name?.value}`);
    }),
  },
};

/**
 * Object types that are values, not entities, so have no `id: ID!` of their own (STYLE: "every
 * entity type implements Node"). By suffix: connection plumbing (XConnection, XEdge), mutation
 * answers (AuthPayload, ContactImportResult, SearchResult, WebhookSubscriptionWithSecret), the
 * rows an import refused (ContactImportRejection), live updates a subscription pushes
 * (PresenceUpdate, TypingUpdate) and tallies (ReactionCounts).
 */
const VALUE_TYPE_SUFFIXES = ['Connection', 'Edge', 'Payload', 'Result', 'WithSecret', 'Rejection', 'Update', 'Counts'];

/** Value types by name (each a part of an entity, or an answer, not something fetched again by id). */
const VALUE_TYPES = [
  'PageInfo',
  // A user's privacy settings and social links: parts of the User (or Page) they hang off.
  'Privacy',
  'SocialLinks',
  // The once-only answer of createApiKey (the key's secret), like WebhookSubscriptionWithSecret.
  'CreatedApiKey',
  // The viewer's place and suggestion lists: answers computed for the viewer, each holding entities.
  'ViewerLocation',
  'UserSuggestions',
  // One entry of the fixed webhook event catalog: named by its `name`.
  'WebhookCatalogEvent',
  // A page's links and call to action: a part of its Page (Page.details), never fetched by itself.
  'PageDetails',
];

export default [
  {
    files: ['schema/schema.graphql'],
    languageOptions: { parser: selfSchemaParser },
    plugins: { '@graphql-eslint': graphql, 'schema-style': style },
    rules: {
      // graphql-js validated the printed schema when it built it (an invalid document fails here as a
      // parse error), so its validation rules add nothing; these two it does not check.
      '@graphql-eslint/no-unreachable-types': 'error',
      '@graphql-eslint/unique-enum-value-names': 'error',

      // STYLE "Lists": the Cursor Connections specification. `nodes` and bounded lists are plain
      // lists (STYLE allows them), so lists are not limited to edges; every edge's node is a Node.
      '@graphql-eslint/relay-page-info': 'error',
      '@graphql-eslint/relay-connection-types': 'error',
      '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: true, listTypeCanWrapOnlyEdgeType: false }],
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: true }],
      'schema-style/no-legacy-paging': 'error',

      // STYLE "Names".
      '@graphql-eslint/naming-convention': [
        'error',
        {
          types: 'PascalCase',
          FieldDefinition: 'camelCase',
          InputValueDefinition: 'camelCase',
          Argument: 'camelCase',
          DirectiveDefinition: 'camelCase',
          EnumValueDefinition: 'UPPER_CASE',
          'FieldDefinition[parent.name.value=Query]': { forbiddenPrefixes: ['query', 'get'], forbiddenSuffixes: ['Query'] },
          // Setters, not toggles (STYLE "Mutations").
          'FieldDefinition[parent.name.value=Mutation]': { forbiddenPrefixes: ['mutation', 'toggle'], forbiddenSuffixes: ['Mutation'] },
          'FieldDefinition[parent.name.value=Subscription]': { forbiddenPrefixes: ['subscription'], forbiddenSuffixes: ['Subscription'] },
          'EnumTypeDefinition,EnumTypeExtension': { forbiddenPrefixes: ['Enum'], forbiddenSuffixes: ['Enum'] },
          'InterfaceTypeDefinition,InterfaceTypeExtension': { forbiddenPrefixes: ['Interface'], forbiddenSuffixes: ['Interface'] },
          'UnionTypeDefinition,UnionTypeExtension': { forbiddenPrefixes: ['Union'], forbiddenSuffixes: ['Union'] },
          'ObjectTypeDefinition,ObjectTypeExtension': { forbiddenPrefixes: ['Type'], forbiddenSuffixes: ['Type'] },
        },
      ],
      'schema-style/no-typename-prefix': 'error',

      // STYLE "Objects and ids": every entity has exactly one `id: ID!` (the Node id).
      '@graphql-eslint/strict-id-in-types': ['error', { acceptedIdNames: ['id'], acceptedIdTypes: ['ID'], exceptions: { types: VALUE_TYPES, suffixes: VALUE_TYPE_SUFFIXES } }],
      'schema-style/no-int-ids': 'error',

      // STYLE "Codes" and "Mutations".
      'schema-style/enum-codes': 'error',
      'schema-style/input-name': ['error', { checkInputType: true, caseSensitiveInputType: false, checkMutations: true }],
      'schema-style/delete-returns-id': 'error',

      // STYLE "Descriptions": every type and every root field (what it is; for lists, order and bound).
      // The root types are described by their fields (type-graphql gives them no description).
      '@graphql-eslint/require-description': ['error', { types: true, ignoredSelectors: ['[type=ObjectTypeDefinition][name.value=/^(Query|Mutation|Subscription)$/]'] }],
      'schema-style/root-field-description': 'error',
      '@graphql-eslint/description-style': ['error', { style: 'block' }],
      '@graphql-eslint/no-hashtag-description': 'error',
      '@graphql-eslint/require-deprecation-reason': 'error',
    },
  },
];
