import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from '../../../graphql/validators';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProductType } from './product.type';
import { UploadScalar, type UploadValue } from '../../../media/upload.scalar';

/** How many images one product may have. */
export const MAX_PRODUCT_IMAGES = 10;

@InputType({ description: 'A product to sell. Title, description and location at least 2 characters; at least one image (uploads or URLs).' })
export class CreateProductInput {
  @Field() @MaxLength(200) title!: string;
  @Field() @MaxLength(10_000) description!: string;
  @Field() @MaxLength(300) location!: string;
  @Field(() => Int) @IsInt() @Min(0, { message: 'price must not be negative' }) @Max(1_000_000_000) price!: number;
  @Field(() => Int) @IsInt() @Min(0, { message: 'category must not be negative' }) category!: number;
  @Field(() => ProductType) type!: ProductType;
  @Field(() => [UploadScalar], { nullable: true, description: 'Uploaded images (ids from POST /uploads): jpg, jpeg, png or gif.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PRODUCT_IMAGES)
  images?: UploadValue[] | null;
  @Field(() => [String], { nullable: true, description: 'Image URLs, kept as given.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PRODUCT_IMAGES)
  imageUrls?: string[] | null;
}

@InputType({ description: 'Which products to list.' })
export class ProductsFilter {
  @Field(() => ID, { nullable: true, description: "Only this seller's products." }) sellerId?: string | null;
  @Field(() => Int, { nullable: true }) category?: number | null;
  @Field(() => String, { nullable: true, description: 'Words in the title or description.' }) @IsOptional() @MaxLength(100) keyword?: string | null;
}
