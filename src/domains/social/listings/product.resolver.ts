import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import type { Context } from '../../../graphql/context.types';
import { nullIfNotFound } from '../../../errors';
import { ENTITY_STATUS } from '../../content/content-status';
import { toPost } from '../../content/content.mapper';
import { Post } from '../../content/content.type';
import { toUser } from '../../users/user.mapper';
import { User } from '../../users/user.type';
import { CreateProductInput, MAX_PRODUCT_IMAGES, ProductsFilter } from './product.input';
import { toProduct, toProductImage } from './product.mapper';
import { createProduct, listProductsFor, requireProduct } from './product.service';
import { Product, ProductConnection, ProductImage } from './product.type';

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, { nullable: true, description: 'The product with this global id, or null if there is none.' })
  async product(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Product | null> {
    const row = await nullIfNotFound(requireProduct(ctx, fromGlobalId(id, 'Product')));
    return row ? toProduct(row) : null;
  }

  @Query(() => ProductConnection, { description: 'Products newest first, by seller, category or keyword; 20 a page by default.' })
  async products(
    @Ctx() ctx: Context,
    @Arg('filter', () => ProductsFilter, { nullable: true }) filter: ProductsFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<Connection<Product>> {
    const window = windowOf(args);
    return toConnection(await listProductsFor(ctx, filter ?? {}, window), window, (row) => [row.id], toProduct);
  }

  @FieldResolver(() => User)
  async seller(@Root() product: Product, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(product.sellerId))!, ctx.viewer);
  }

  @FieldResolver(() => [ProductImage], { description: `The product's images in upload order (at most ${MAX_PRODUCT_IMAGES}).` })
  async images(@Root() product: Product, @Ctx() ctx: Context): Promise<ProductImage[]> {
    return (await ctx.loaders.productImages.load(product.id)).map(toProductImage);
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The timeline post that announces the product, while it is active.' })
  async post(@Root() product: Product, @Ctx() ctx: Context): Promise<Post | null> {
    if (product.postId === null) return null;
    const row = await ctx.loaders.post.load(product.postId);
    return row && row.post_status === ENTITY_STATUS.ACTIVE ? toPost(row) : null;
  }

  @Authorized()
  @Mutation(() => Product, { description: 'Puts a product up for sale, with the timeline post that announces it.' })
  async createProduct(@Ctx() ctx: Context, @Arg('input', () => CreateProductInput) input: CreateProductInput): Promise<Product> {
    return toProduct(await createProduct(ctx, input));
  }
}
