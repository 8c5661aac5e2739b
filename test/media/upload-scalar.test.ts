import { graphql, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { UploadScalar } from '../../src/media/upload.scalar';
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
      echo: {
        type: UploadScalar,
        args: { file: { type: new GraphQLNonNull(UploadScalar) } },
        resolve: (_root, { file }: { file: UploadedFile }) => file,
      },
    },
  }),
});
const NOT_IN_GRAPHQL = 'Upload values are sent as multipart files to the REST endpoints; GraphQL clients pass a mediaUrl';

test('an UploadedFile passed as a variable in-process reaches the resolver', async () => {
  const file = uploadedFile('cat.png', SAMPLES.png, { mimetype: 'image/png' });
  const result = await graphql({ schema, source: 'query($f: Upload!) { size(file: $f) }', variableValues: { f: file } });
  expect(result).toEqual({ data: { size: SAMPLES.png.length } });
});

test.each([['a string', 'cat.png'], ['a JSON look-alike', { filename: 'cat.png', mimetype: 'image/png', data: 'iVBORw0KGgo=', truncated: false }]])(
  '%s sent as a variable is refused with a clear message',
  async (_case, value) => {
    const result = await graphql({ schema, source: 'query($f: Upload!) { size(file: $f) }', variableValues: { f: value } });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0].message).toContain(NOT_IN_GRAPHQL);
  },
);

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
