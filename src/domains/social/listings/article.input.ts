import { IsInt, IsOptional, Length, MaxLength, Min } from '../../../graphql/validators';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new article by the viewer.' })
export class CreateArticleInput {
  @Field() @Length(2, 200, { message: 'title must be 2-200 characters' }) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field() @Length(1, 100_000, { message: 'content must be 1-100000 characters' }) content!: string;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0, { message: 'category must not be negative' }) category!: number;
  @Field(() => String, { nullable: true, description: 'An http(s) image URL.' }) @IsOptional() @MaxLength(2000) thumbnail?: string | null;
}

@InputType({ description: 'Which articles to list.' })
export class ArticlesFilter {
  @Field(() => ID, { nullable: true, description: "Only this user's articles." }) authorId?: string | null;
  @Field(() => Int, { nullable: true }) category?: number | null;
}
