import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { toGlobalId } from '../../graphql/node';
import { viewerOf } from '../../auth/authenticate';
import type { Context } from '../../graphql/context.types';
import { changePassword, deleteAccount, login, logout, register, requestPasswordReset, resetPassword, type Session, socialLogin } from './auth.service';
import { ChangePasswordInput, LoginInput, RegisterInput, ResetPasswordInput, SocialLoginInput } from './user.input';
import { toUser } from './user.mapper';
import { AuthPayload } from './user.type';

/** The new session's user sees their own private fields. */
function payload(session: Session): AuthPayload {
  const { user } = session;
  return { token: session.token, user: toUser(user, viewerOf({ user_id: user.id, role_id: user.role_id }, 'bearer', {})) };
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  async register(@Ctx() ctx: Context, @Arg('input', () => RegisterInput) input: RegisterInput): Promise<AuthPayload> {
    return payload(await register(ctx, input));
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with a username or email and a password.' })
  async login(@Ctx() ctx: Context, @Arg('input', () => LoginInput) input: LoginInput): Promise<AuthPayload> {
    return payload(await login(ctx, input));
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with a Facebook or Google access token, when a verifier is configured.' })
  async socialLogin(@Ctx() ctx: Context, @Arg('input', () => SocialLoginInput) input: SocialLoginInput): Promise<AuthPayload> {
    return payload(await socialLogin(ctx, { provider: input.provider, accessToken: input.accessToken, googleKey: input.googleKey ?? null }));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the session whose token made this request.' })
  logout(@Ctx() ctx: Context): Promise<boolean> {
    return logout(ctx);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Changes the password; other sessions end.' })
  changePassword(@Ctx() ctx: Context, @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput): Promise<boolean> {
    return changePassword(ctx, input.currentPassword, input.newPassword);
  }

  @Authorized()
  @Mutation(() => ID, {
    description: "Deletes the signed-in account after checking its password: the user reads as deleted (null to user and node), its sessions and keys end. Answers the deleted user's global id.",
  })
  async deleteAccount(@Ctx() ctx: Context, @Arg('password') password: string): Promise<string> {
    return toGlobalId('User', await deleteAccount(ctx, password));
  }

  @Mutation(() => Boolean, { description: 'Mails a reset code when the email belongs to an account; answers true either way.' })
  requestPasswordReset(@Ctx() ctx: Context, @Arg('email') email: string): Promise<boolean> {
    return requestPasswordReset(ctx, email);
  }

  @Mutation(() => Boolean, { description: 'Sets a new password with a mailed reset code.' })
  resetPassword(@Ctx() ctx: Context, @Arg('input', () => ResetPasswordInput) input: ResetPasswordInput): Promise<boolean> {
    return resetPassword(ctx, input.token, input.newPassword);
  }
}
