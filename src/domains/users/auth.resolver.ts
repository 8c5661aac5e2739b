import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { viewerOf } from '../../auth/authenticate';
import type { Context } from '../../graphql/context';
import {
  changePassword,
  deleteAccount,
  login,
  logout,
  register,
  requestPasswordReset,
  resetPassword,
  type Session,
  socialLogin,
} from './auth.service';
import { RegisterInput } from './user.input';
import { toUser } from './user.mapper';
import { User } from './user.type';

@ObjectType({ description: 'A new session: send the token as `Authorization: Bearer <token>`.' })
export class AuthPayload {
  @Field() token!: string;
  @Field(() => User) user!: User;
}

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
  async login(
    @Ctx() ctx: Context,
    @Arg('login', { description: 'Username or email.' }) loginName: string,
    @Arg('password') password: string,
    @Arg('deviceId', () => String, { nullable: true }) deviceId?: string,
    @Arg('timezone', () => String, { nullable: true }) timezone?: string,
  ): Promise<AuthPayload> {
    return payload(await login(ctx, { login: loginName, password, deviceId, timezone }));
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with a Facebook or Google access token, when a verifier is configured.' })
  async socialLogin(
    @Ctx() ctx: Context,
    @Arg('provider') provider: string,
    @Arg('accessToken') accessToken: string,
    @Arg('googleKey', () => String, { nullable: true }) googleKey?: string,
  ): Promise<AuthPayload> {
    return payload(await socialLogin(ctx, { provider, accessToken, googleKey: googleKey ?? null }));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the session whose token made this request.' })
  logout(@Ctx() ctx: Context): Promise<boolean> {
    return logout(ctx);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Changes the password; other sessions end.' })
  changePassword(
    @Ctx() ctx: Context,
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
  ): Promise<boolean> {
    return changePassword(ctx, currentPassword, newPassword);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes the signed-in account after checking its password.' })
  deleteAccount(@Ctx() ctx: Context, @Arg('password') password: string): Promise<boolean> {
    return deleteAccount(ctx, password);
  }

  @Mutation(() => Boolean, { description: 'Mails a reset code when the email belongs to an account; answers true either way.' })
  requestPasswordReset(@Ctx() ctx: Context, @Arg('email') email: string): Promise<boolean> {
    return requestPasswordReset(ctx, email);
  }

  @Mutation(() => Boolean, { description: 'Sets a new password with a mailed reset code.' })
  resetPassword(@Ctx() ctx: Context, @Arg('token') token: string, @Arg('newPassword') newPassword: string): Promise<boolean> {
    return resetPassword(ctx, token, newPassword);
  }
}
