import { IsInt, IsOptional, Length, Max, MaxLength, Min } from '../../../graphql/validators';
import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'A film for the catalogue (admins only).' })
export class CreateMovieInput {
  @Field() @Length(1, 200, { message: 'name must be 1-200 characters' }) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10_000) description?: string | null;
  @Field() @Length(1, 100, { message: 'genre must be 1-100 characters' }) genre!: string;
  @Field() @Length(1, 100, { message: 'country must be 1-100 characters' }) country!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) stars?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) producer?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1870) @Max(2200) releaseYear?: number | null;
  @Field(() => Int, { nullable: true, description: 'Minutes.' }) @IsOptional() @IsInt() @Min(1) @Max(10_000) duration?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20) quality?: string | null;
  @Field(() => String, { nullable: true, description: 'An http(s) image URL.' }) @IsOptional() @MaxLength(2000) cover?: string | null;
  @Field(() => String, { nullable: true, description: 'An http(s) video URL.' }) @IsOptional() @MaxLength(2000) source?: string | null;
}

@InputType({ description: 'Which movies to list.' })
export class MoviesFilter {
  @Field(() => String, { nullable: true, description: 'Any case.' }) @IsOptional() @MaxLength(100) genre?: string | null;
  @Field(() => String, { nullable: true, description: 'Any case.' }) @IsOptional() @MaxLength(100) country?: string | null;
}
