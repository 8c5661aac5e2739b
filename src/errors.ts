/** Error codes every transport maps to its own envelope. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  /** The caller's marketing membership has run out: the marketing capabilities refuse them, nothing else does. */
  MembershipExpired = 'MEMBERSHIP_EXPIRED',
  /** A socket already runs WS_MAX_SUBSCRIPTIONS subscriptions. */
  TooManySubscriptions = 'TOO_MANY_SUBSCRIPTIONS',
  NotConfigured = 'NOT_CONFIGURED',
  RequestTimeout = 'REQUEST_TIMEOUT',
  Internal = 'INTERNAL_SERVER_ERROR',
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.MembershipExpired]: 403,
  [ErrorCode.TooManySubscriptions]: 429,
  [ErrorCode.NotConfigured]: 501,
  [ErrorCode.RequestTimeout]: 503,
  [ErrorCode.Internal]: 500,
};

/** The HTTP status of a code, for transports that answer with one; 500 for a code not listed. */
export function httpStatusOf(code: string | undefined): number {
  return HTTP_STATUS[code as ErrorCode] ?? 500;
}

/**
 * An expected failure, known to every transport by its `code`. `extensions` is `{ code, ...extra }`:
 * graphql-js copies it onto the GraphQLError it wraps a resolver's error in, and Apollo reads its
 * `http` (status, headers) for the HTTP answer; elsewhere src/graphql/graphql-errors.ts maps it.
 */
export class AppError extends Error {
  readonly extensions: { readonly code: ErrorCode; readonly [name: string]: unknown };

  constructor(
    message: string,
    readonly code: ErrorCode,
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.extensions = { code, ...extra };
  }
}

/** The input is invalid; `field` names the offending argument when there is one. */
export class BadUserInputError extends AppError {
  constructor(message: string, field?: string) {
    super(message, ErrorCode.BadUserInput, field ? { field } : {});
  }
}

/** No valid credentials were presented. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'You must be signed in') {
    super(message, ErrorCode.Unauthenticated);
  }
}

/** The viewer is known but may not do this. */
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super(message, ErrorCode.Forbidden);
  }
}

/** The viewer's marketing membership has expired (src/domains/marketing/membership.guard.ts). */
export class MembershipExpiredError extends AppError {
  constructor(message = 'Your membership has expired') {
    super(message, ErrorCode.MembershipExpired);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, ErrorCode.NotFound);
  }
}

/** The change collides with existing data (a taken username or email, say). */
export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(message, ErrorCode.Conflict, field ? { field } : {});
  }
}

/** Too many attempts: 429 over HTTP, with `Retry-After` when the wait is known. */
export class RateLimitedError extends AppError {
  constructor(message = 'Too many requests', retryAfterSeconds?: number) {
    super(
      message,
      ErrorCode.RateLimited,
      retryAfterSeconds ? { retryAfter: retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } } : { http: { status: 429 } },
    );
  }
}

/** Work stopped because the request ran out of time or its client went away (src/graphql/abort.ts). */
export class RequestAbortedError extends AppError {
  constructor() {
    super('The request took too long and was stopped', ErrorCode.RequestTimeout, { http: { status: 503 } });
  }
}

/** A pluggable part (a social-login verifier, say) is not set up on this gateway. */
export class NotConfiguredError extends AppError {
  constructor(message: string) {
    super(message, ErrorCode.NotConfigured);
  }
}

/** Resolves to null where the work finds nothing (NOT_FOUND), for nullable single-item queries. */
export function nullIfNotFound<T>(work: Promise<T>): Promise<T | null> {
  return work.catch((error) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
}
