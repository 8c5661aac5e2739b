import { ArrayMaxSize, IsInt, IsOptional, Length, Matches, Max, Min } from '../../graphql/validators';
import { Field, ID, InputType, Int } from 'type-graphql';

const PRICE = /^\d{1,9}(\.\d{1,2})?$/;
const PRICE_MESSAGE = 'price must be a decimal number with at most two decimals, e.g. "112.35"';

@InputType({ description: 'A new package. Validity is in days; 0 means unlimited.' })
export class CreatePackageInput {
  @Field() @Length(1, 100) name!: string;
  @Field(() => [Int], { defaultValue: [] }) @ArrayMaxSize(500) @IsInt({ each: true }) @Min(1, { each: true }) moduleIds!: number[];
  @Field({ defaultValue: '0' }) @Matches(PRICE, { message: PRICE_MESSAGE }) price!: string;
  @Field(() => Int, { defaultValue: 0 }) @Min(0) @Max(36500) validity!: number;
  @Field({ defaultValue: true }) visible!: boolean;
  @Field({ defaultValue: false }) highlight!: boolean;
}

@InputType({ description: 'Changes to a package; omitted fields stay as they are.' })
export class UpdatePackageInput {
  @Field(() => ID, { description: 'The Package to change.' }) packageId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) name?: string | null;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(500) @IsInt({ each: true }) @Min(1, { each: true }) moduleIds?: number[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(PRICE, { message: PRICE_MESSAGE }) price?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(36500) validity?: number | null;
  @Field(() => Boolean, { nullable: true }) visible?: boolean | null;
  @Field(() => Boolean, { nullable: true }) highlight?: boolean | null;
}
