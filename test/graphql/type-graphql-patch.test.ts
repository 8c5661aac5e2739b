/**
 * patches/type-graphql+2.0.0-rc.4.patch, applied by `npm ci` (patch-package in postinstall): with a
 * synchronous `validateFn`, a resolver that takes arguments runs synchronously (graphql-js then
 * completes its value without a promise); a validateFn that throws or returns a promise, and
 * class-validator's own path, behave as before.
 */
import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import { Min } from 'class-validator';
import { Arg, Args, ArgsType, buildSchemaSync, Field, Int, Query, Resolver, type ValidatorFn } from 'type-graphql';

@ArgsType()
class PageArgs {
  @Field(() => Int) @Min(1) first!: number;
}

@Resolver()
class SampleResolver {
  @Query(() => Int)
  double(@Arg('n', () => Int) n: number): number {
    return n * 2;
  }

  @Query(() => Int)
  page(@Args(() => PageArgs) args: PageArgs): number {
    return args.first;
  }
}

const schemaWith = (validateFn?: ValidatorFn) => buildSchemaSync({ resolvers: [SampleResolver], validateFn, validate: validateFn ? undefined : true });
const resolverOf = (schema: GraphQLSchema, name: string) => schema.getQueryType()!.getFields()[name].resolve!;
const info = {} as never;

test('a synchronous validateFn keeps a resolver with arguments synchronous', () => {
  const seen: unknown[] = [];
  const schema = schemaWith((value) => void seen.push(value));
  expect(resolverOf(schema, 'double')({}, { n: 21 }, {}, info)).toBe(42);
  expect(resolverOf(schema, 'page')({}, { first: 3 }, {}, info)).toBe(3);
  expect(seen[0]).toBe(21);
  expect(seen[1]).toBeInstanceOf(PageArgs);
});

test('a validateFn that throws refuses the call; one that returns a promise is awaited', async () => {
  const throwing = schemaWith(() => {
    throw new Error('no odd numbers');
  });
  const refused = resolverOf(throwing, 'double')({}, { n: 1 }, {}, info);
  expect(refused).toBeInstanceOf(Promise);
  await expect(refused).rejects.toThrow('no odd numbers');
  expect(await graphql({ schema: throwing, source: '{ double(n: 1) }' })).toMatchObject({ data: null, errors: [{ message: 'no odd numbers' }] });

  const order: string[] = [];
  const later = schemaWith(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push('validated');
  });
  const pending = resolverOf(later, 'double')({}, { n: 2 }, {}, info);
  expect(pending).toBeInstanceOf(Promise);
  order.push('returned');
  expect(await pending).toBe(4);
  expect(order).toEqual(['returned', 'validated']);
});

test('without a validateFn, class-validator still checks the rules', async () => {
  const schema = schemaWith();
  expect(await graphql({ schema, source: '{ page(first: 2) }' })).toEqual({ data: { page: 2 } });
  const broken = await graphql({ schema, source: '{ page(first: 0) }' });
  expect(broken.errors?.[0].message).toBe('Argument Validation Error');
});
