import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * What every token manager error says about the session it concerns. Neither is a secret.
 */
export interface SessionErrorOptions extends LatchErrorOptions {
  /** The normalised issuer of the session (RFC 3986 §6.2.2). */
  readonly issuer: string;
  /** The profile name of the session. */
  readonly profile: string;
}

/**
 * Why there is no usable session: nothing is stored, or what is stored has expired and carries
 * no refresh token to renew it with.
 */
export type NotLoggedInReason = 'no_session' | 'no_refresh_token';

/**
 * Options of {@link NotLoggedInError}.
 */
export interface NotLoggedInErrorOptions extends SessionErrorOptions {
  /** Why there is no usable session. Default: `'no_session'`. */
  readonly reason?: NotLoggedInReason | undefined;
}

/**
 * There is no usable session: no core token is stored for this issuer and profile, or the
 * stored one has expired and has no refresh token to renew it silently. The user has to log in.
 *
 * @example
 * ```ts
 * try {
 *   await manager.token({ resource });
 * } catch (err) {
 *   if (NotLoggedInError.isInstance(err)) console.error('Run `mycli login` first.');
 *   else throw err;
 * }
 * ```
 */
export class NotLoggedInError extends LatchError<'not_logged_in'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'NotLoggedInError';
  /** The normalised issuer of the session. */
  readonly issuer: string;
  /** The profile name of the session. */
  readonly profile: string;
  /** Why there is no usable session. */
  readonly reason: NotLoggedInReason;

  /**
   * @param options - The session's issuer and profile, the reason, the cause.
   */
  constructor(options: NotLoggedInErrorOptions) {
    const reason = options.reason ?? 'no_session';
    super(
      'not_logged_in',
      reason === 'no_session'
        ? `Not logged in to ${options.issuer} (profile "${options.profile}"). Log in first.`
        : `The session for ${options.issuer} (profile "${options.profile}") has expired and cannot be renewed (no refresh token was stored). Log in again.`,
      options,
    );
    this.issuer = options.issuer;
    this.profile = options.profile;
    this.reason = reason;
  }

  /**
   * Tells whether `value` is a {@link NotLoggedInError} from any copy of this package.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'not_logged_in'`.
   */
  static override isInstance(value: unknown): value is NotLoggedInError {
    return LatchError.isInstance(value) && value.code === 'not_logged_in';
  }
}

/**
 * The stored refresh token was refused (`invalid_grant`: expired, revoked, or already used) and
 * a re-read of the store showed it was still the current one — no other process had rotated it.
 * The session is over; the user has to log in again. The refusal is chained as `cause`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2} (`invalid_grant`)
 * @see {@link https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2 | RFC 9700 §4.14.2} (rotation)
 * @example
 * ```ts
 * if (ReauthRequiredError.isInstance(err)) console.error('Your session ended; run `mycli login`.');
 * ```
 */
export class ReauthRequiredError extends LatchError<'reauth_required'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'ReauthRequiredError';
  /** The normalised issuer of the session. */
  readonly issuer: string;
  /** The profile name of the session. */
  readonly profile: string;

  /**
   * @param options - The session's issuer and profile; the refusal as `cause`.
   */
  constructor(options: SessionErrorOptions) {
    super(
      'reauth_required',
      `The session for ${options.issuer} (profile "${options.profile}") has ended: the authorization server refused its refresh token (expired, revoked or already used). Log in again.`,
      options,
    );
    this.issuer = options.issuer;
    this.profile = options.profile;
  }

  /**
   * Tells whether `value` is a {@link ReauthRequiredError} from any copy of this package.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'reauth_required'`.
   */
  static override isInstance(value: unknown): value is ReauthRequiredError {
    return LatchError.isInstance(value) && value.code === 'reauth_required';
  }
}

/**
 * The core token needs a refresh, but no refresh endpoint is known: `endpoints` was given
 * without `refresh`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-6 | RFC 6749 §6}
 */
export class NoRefreshEndpointError extends LatchError<'no_refresh_endpoint'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'NoRefreshEndpointError';
  /** The normalised issuer of the session. */
  readonly issuer: string;
  /** The profile name of the session. */
  readonly profile: string;

  /**
   * @param options - The session's issuer and profile.
   */
  constructor(options: SessionErrorOptions) {
    super(
      'no_refresh_endpoint',
      `The session for ${options.issuer} needs a refresh, but no refresh endpoint is configured. Set endpoints.refresh (usually the token endpoint), or leave endpoints out to discover them from the issuer.`,
      options,
    );
    this.issuer = options.issuer;
    this.profile = options.profile;
  }

  /**
   * Tells whether `value` is a {@link NoRefreshEndpointError} from any copy of this package.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'no_refresh_endpoint'`.
   */
  static override isInstance(value: unknown): value is NoRefreshEndpointError {
    return LatchError.isInstance(value) && value.code === 'no_refresh_endpoint';
  }
}

/**
 * A token for another resource needs an RFC 8693 exchange, but no exchange endpoint is known:
 * `endpoints` was given without `exchange`, or the issuer's metadata does not list the token
 * exchange grant.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2.1 | RFC 8693 §2.1}
 */
export class NoExchangeEndpointError extends LatchError<'no_exchange_endpoint'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'NoExchangeEndpointError';
  /** The normalised issuer of the session. */
  readonly issuer: string;
  /** The profile name of the session. */
  readonly profile: string;

  /**
   * @param options - The session's issuer and profile.
   */
  constructor(options: SessionErrorOptions) {
    super(
      'no_exchange_endpoint',
      `A token for another resource needs a token exchange at ${options.issuer}, but no exchange endpoint is known (not configured, and the issuer's metadata does not list the token exchange grant). Set endpoints.exchange, or ask for a resource the login token is already valid for.`,
      options,
    );
    this.issuer = options.issuer;
    this.profile = options.profile;
  }

  /**
   * Tells whether `value` is a {@link NoExchangeEndpointError} from any copy of this package.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'no_exchange_endpoint'`.
   */
  static override isInstance(value: unknown): value is NoExchangeEndpointError {
    return LatchError.isInstance(value) && value.code === 'no_exchange_endpoint';
  }
}

/**
 * The errors this package's own classes make up. A closed union: `switch (err.code)` narrows
 * to the class. The manager also passes on the errors of the packages it builds on (see
 * {@link isTokenManagerError} and the README's error table).
 *
 * @example
 * ```ts
 * function explain(err: TokenManagerError): string {
 *   switch (err.code) {
 *     case 'not_logged_in':
 *     case 'reauth_required':
 *       return 'Run `mycli login`.';
 *     default:
 *       return err.message;
 *   }
 * }
 * ```
 */
export type TokenManagerError =
  | NotLoggedInError
  | ReauthRequiredError
  | NoRefreshEndpointError
  | NoExchangeEndpointError;

/**
 * The closed set of `code` values of {@link TokenManagerError}.
 */
export type TokenManagerErrorCode = TokenManagerError['code'];

const CODES: ReadonlySet<string> = new Set<TokenManagerErrorCode>([
  'not_logged_in',
  'reauth_required',
  'no_refresh_endpoint',
  'no_exchange_endpoint',
]);

/**
 * Tells whether `value` is one of this package's own errors, from any copy of it.
 *
 * @param value - Anything, typically a caught error.
 * @returns `true` for a branded latch error whose code is a {@link TokenManagerErrorCode}.
 */
export function isTokenManagerError(value: unknown): value is TokenManagerError {
  return LatchError.isInstance(value) && CODES.has(value.code);
}
