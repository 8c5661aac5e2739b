import { IsOptional, MaxLength } from '../../../graphql/validators';
import { Field, ID, InputType } from 'type-graphql';
import { UploadScalar, type UploadValue } from '../../../media/upload.scalar';

@InputType({ description: 'A new event. Name at least 5 characters, description at least 10; the end may not come before the start.' })
export class CreateEventInput {
  @Field() @MaxLength(200) name!: string;
  @Field() @MaxLength(300) location!: string;
  @Field() @MaxLength(10_000) description!: string;
  @Field({ description: 'YYYY-MM-DD.' }) startDate!: string;
  @Field({ description: 'HH:MM, 24-hour.' }) startTime!: string;
  @Field({ description: 'YYYY-MM-DD.' }) endDate!: string;
  @Field({ description: 'HH:MM, 24-hour.' }) endTime!: string;
  @Field(() => UploadScalar, { nullable: true, description: 'A cover image (an id from POST /uploads): jpg, jpeg, png or gif.' }) cover?: UploadValue | null;
  @Field(() => String, { nullable: true, description: 'A cover image URL, kept as given.' })
  @IsOptional()
  @MaxLength(2000)
  coverUrl?: string | null;
}

@InputType({ description: 'Whether the viewer goes to an event.' })
export class SetEventGoingInput {
  @Field(() => ID) eventId!: string;
  @Field() going!: boolean;
}

@InputType({ description: 'Whether the viewer is interested in an event.' })
export class SetEventInterestedInput {
  @Field(() => ID) eventId!: string;
  @Field() interested!: boolean;
}
