import { ArrayMaxSize, IsIn, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { UploadedFile } from '../../media/uploaded-file';
import { UploadScalar } from '../../media/upload.scalar';

/** How many images one product may have. */
export const MAX_PRODUCT_IMAGES = 10;

@InputType({ description: 'A product to sell. Title, description and location at least 2 characters; at least one image (uploads or URLs).' })
export class CreateProductInput {
  @Field() @MaxLength(200) title!: string;
  @Field() @MaxLength(10_000) description!: string;
  @Field() @MaxLength(300) location!: string;
  @Field(() => Int) @IsInt() @Min(0, { message: 'price must not be negative' }) @Max(1_000_000_000) price!: number;
  @Field(() => Int) @IsInt() @Min(0, { message: 'category must not be negative' }) category!: number;
  @Field(() => Int, { description: '0 new, 1 used.' }) @IsIn([0, 1], { message: 'type must be 0 (new) or 1 (used)' }) type!: number;
  @Field(() => [UploadScalar], { nullable: true, description: 'Uploaded images (multipart REST endpoints): jpg, jpeg, png or gif.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PRODUCT_IMAGES)
  images?: UploadedFile[] | null;
  @Field(() => [String], { nullable: true, description: 'Image URLs, kept as given.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PRODUCT_IMAGES)
  imageUrls?: string[] | null;
}

@InputType()
export class ProductsFilter {
  @Field(() => Int, { nullable: true, description: 'Only this seller\'s products.' }) sellerId?: number | null;
  @Field(() => Int, { nullable: true }) category?: number | null;
  @Field(() => String, { nullable: true, description: 'Words in the title or description.' }) @IsOptional() @MaxLength(100) keyword?: string | null;
}
