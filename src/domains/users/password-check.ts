import { loginAccount } from '../../auth/login-throttle';
import { passwordMatches } from '../../auth/passwords';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, RateLimitedError } from '../../errors';

/**
 * Checks a signed-in user's password before a change that needs it (email, password, deleting the
 * account). Wrong guesses spend the account's sign-in budget, so a stolen session cannot try
 * passwords faster than the sign-in door allows; past it the answer is RATE_LIMITED.
 */
export async function assertPassword(ctx: Context, user: { id: number; password_hash: string | null }, given: string, field: string, message: string): Promise<void> {
  const attempt = { account: loginAccount(user.id, ''), address: ctx.ip };
  const wait = await ctx.loginThrottle.retryAfterSeconds(attempt);
  if (wait > 0) throw new RateLimitedError(`Too many failed sign-ins: try again in ${wait} s`, wait);
  if (!(await passwordMatches(given, user.password_hash, ctx.config.bcryptCost))) {
    await ctx.loginThrottle.failed(attempt);
    throw new BadUserInputError(message, field);
  }
  await ctx.loginThrottle.succeeded(attempt);
}
