/**
 * patches/graphql+16.15.0.patch, applied by `npm ci` (patch-package in postinstall): a field or
 * directive that takes no arguments gets one shared, frozen, empty arguments object instead of two
 * fresh dictionaries per execution; a field with arguments still gets its own object.
 */
import { buildSchema, DirectiveLocation, type FieldNode, graphql, GraphQLDirective, GraphQLObjectType, GraphQLString, type OperationDefinitionNode, parse } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

test('fields without arguments share one frozen, empty, prototype-less arguments object', async () => {
  const seen: object[] = [];
  const schema = buildSchema('type Query { a: Int b: Int c(x: Int = 1): Int d(x: Int): Int }');
  const rootValue = {
    a: (args: object) => (seen.push(args), 1),
    b: (args: object) => (seen.push(args), 2),
    c: (args: { x: number }) => (seen.push(args), args.x),
    d: (args: { x?: number }) => (seen.push(args), args.x ?? 0),
  };
  const result = await graphql({ schema, source: '{ a b c d(x: 4) again: a }', rootValue });
  expect(result).toEqual({ data: { a: 1, b: 2, c: 1, d: 4, again: 1 } });
  const [a, b, c, d, again] = seen;
  expect(a).toBe(b);
  expect(a).toBe(again);
  expect(Object.isFrozen(a)).toBe(true);
  expect(Object.keys(a)).toEqual([]);
  expect(Object.getPrototypeOf(a)).toBeNull();
  // With arguments: a fresh object each time, as before.
  expect(c).not.toBe(a);
  expect(Object.isFrozen(c)).toBe(false);
  expect(c).toEqual({ x: 1 });
  expect(d).toEqual({ x: 4 });
});

test('a directive without arguments gets the same shared object', () => {
  const directive = new GraphQLDirective({ name: 'plain', locations: [DirectiveLocation.FIELD] });
  const query = new GraphQLObjectType({ name: 'Query', fields: { a: { type: GraphQLString } } });
  const operation = parse('{ a @plain }').definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const fromDirective = getArgumentValues(directive, field.directives![0]);
  expect(fromDirective).toBe(getArgumentValues(query.getFields().a, field));
  expect(Object.isFrozen(fromDirective)).toBe(true);
});
