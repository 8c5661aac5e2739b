import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { toPrivacy } from './privacy.rules';
import { Privacy, UpdatePrivacyInput } from './privacy.type';
import { updateUser } from './user.service';
import { User } from './user.type';
import { requireViewer } from '../shared/viewer.guard';
import { inAudience } from './privacy.service';

/** The privacy settings and the fields whose audience needs the follow graph. */
@Resolver(() => User)
export class UserPrivacyResolver {
  @FieldResolver(() => String, { nullable: true, description: "YYYY-MM-DD; null to those outside the user's birthday audience." })
  async birthday(@Root() user: User, @Ctx() ctx: Context): Promise<string | null> {
    if (user.birthday === null) return null;
    return (await inAudience(ctx, user.id, user.birthPrivacy)) ? user.birthday : null;
  }

  @Authorized()
  @Mutation(() => Privacy, { description: "Changes the signed-in user's privacy settings (the same ones updateProfile's privacy sets)." })
  async updatePrivacy(@Ctx() ctx: Context, @Arg('input', () => UpdatePrivacyInput) input: UpdatePrivacyInput): Promise<Privacy> {
    return toPrivacy(await updateUser(ctx, requireViewer(ctx).userId, { privacy: input }));
  }
}
