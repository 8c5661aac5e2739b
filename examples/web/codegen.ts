import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Types every `graphql()` document under src/ from the gateway's schema, and writes the trusted
 * documents manifest (src/gql/persisted-documents.json: sha256 → document text) that the gateway
 * loads. Each document carries its hash as `__meta__.hash`; the app sends only that hash.
 */
const config: CodegenConfig = {
  schema: '../../schema/schema.graphql',
  documents: ['src/**/*.tsx'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      // Apollo's cache asks for __typename everywhere: the manifest's documents must ask for it too,
      // since the gateway runs the manifest's text, not what the client would have printed.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>', Upload: 'string' },
      },
    },
  },
};

export default config;
