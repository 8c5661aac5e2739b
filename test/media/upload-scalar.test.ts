import { graphql, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { toGlobalId } from '../../src/graphql/node';
import { PendingUploadId, UploadScalar } from '../../src/media/upload.scalar';
import { UploadedFile } from '../../src/media/uploaded-file';
import { SAMPLES, uploadedFile } from './samples';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      size: {
        type: GraphQLInt,
        args: { file: { type: new GraphQLNonNull(UploadScalar) } },
        resolve: (_root, { file }: { file: UploadedFile }) => file.size,
      },
      uploadId: {
        type: GraphQLInt,
        args: { file: { type: new GraphQLNonNull(UploadScalar) } },
        resolve: (_root, { file }: { file: PendingUploadId }) => file.id,
      },
      echo: {
        type: UploadScalar,
        args: { file: { type: new GraphQLNonNull(UploadScalar) } },
        resolve: (_root, { file }: { file: UploadedFile }) => file,
      },
    },
  }),
});
const NOT_IN_GRAPHQL = 'Upload values are the id POST /uploads answered with';

test('an UploadedFile passed as a variable in-process reaches the resolver', async () => {
  const file = uploadedFile('cat.png', SAMPLES.png, { mimetype: 'image/png' });
  const result = await graphql({ schema, source: 'query($f: Upload!) { size(file: $f) }', variableValues: { f: file } });
  expect(result).toEqual({ data: { size: SAMPLES.png.length } });
});

test('an upload id from POST /uploads, as a variable or a literal, reaches the resolver as a PendingUploadId', async () => {
  const id = toGlobalId('Upload', 42);
  expect(await graphql({ schema, source: 'query($f: Upload!) { uploadId(file: $f) }', variableValues: { f: id } })).toEqual({ data: { uploadId: 42 } });
  expect(await graphql({ schema, source: `{ uploadId(file: "${id}") }` })).toEqual({ data: { uploadId: 42 } });
});

test.each([
  ['a string', 'cat.png'],
  ['the global id of another type', toGlobalId('User', 42)],
  ['a JSON look-alike', { filename: 'cat.png', mimetype: 'image/png', data: 'iVBORw0KGgo=', truncated: false }],
])('%s sent as a variable is refused with a clear message', async (_case, value) => {
  const result = await graphql({ schema, source: 'query($f: Upload!) { size(file: $f) }', variableValues: { f: value } });
  expect(result.data).toBeUndefined();
  expect(result.errors?.[0].message).toContain(NOT_IN_GRAPHQL);
});

test('a literal in the document is refused with the same message', async () => {
  const result = await graphql({ schema, source: '{ size(file: "cat.png") }' });
  expect(result.errors?.[0].message).toContain(NOT_IN_GRAPHQL);
});

test('an Upload is never returned', async () => {
  const file = uploadedFile('cat.png', SAMPLES.png, { mimetype: 'image/png' });
  const result = await graphql({ schema, source: 'query($f: Upload!) { echo(file: $f) }', variableValues: { f: file } });
  expect(result.data).toEqual({ echo: null });
  expect(result.errors?.[0].message).toBe('Upload values cannot be returned');
});
