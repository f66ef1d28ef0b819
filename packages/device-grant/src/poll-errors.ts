import { LatchError, type LatchErrorOptions } from '@latch/core';
import { sanitizeForDisplay } from './display-text.js';

/**
 * Options of {@link DeviceCodeExpiredError}.
 */
export interface DeviceCodeExpiredErrorOptions extends LatchErrorOptions {
  /** When the device code expired, in epoch milliseconds (from `expires_in`). */
  readonly expiresAt: number;
}

/**
 * The device code expired before the user approved it: the server answered `expired_token`
 * (its `OAuthError` is the `cause`), or the `expires_in` deadline passed with no answer yet
 * (latch never polls after it; no `cause`).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.5 | RFC 8628 §3.5} (`expired_token`)
 */
export class DeviceCodeExpiredError extends LatchError<'expired_token'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'DeviceCodeExpiredError';
  /** When the device code expired, in epoch milliseconds. */
  readonly expiresAt: number;

  /**
   * @param options - The expiry time and, when the server said so, its `OAuthError`.
   */
  constructor(options: DeviceCodeExpiredErrorOptions) {
    super(
      'expired_token',
      'The code expired before it was approved; run the login again and enter the new code.',
      options,
    );
    this.expiresAt = options.expiresAt;
  }

  /**
   * Tells whether `value` is a {@link DeviceCodeExpiredError} from any copy of
   * `@latch/device-grant`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'expired_token'`.
   */
  static override isInstance(value: unknown): value is DeviceCodeExpiredError {
    return LatchError.isInstance(value) && value.code === 'expired_token';
  }
}

/**
 * The user declined the request on the verification page: the server answered
 * `access_denied`. Its `OAuthError` is the `cause`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.5 | RFC 8628 §3.5} (`access_denied`)
 */
export class AccessDeniedError extends LatchError<'access_denied'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'AccessDeniedError';

  /**
   * @param options - The server's `OAuthError`, as `cause`.
   */
  constructor(options?: LatchErrorOptions) {
    super(
      'access_denied',
      'The sign-in request was declined on the verification page; run the login again if that was a mistake.',
      options,
    );
  }

  /**
   * Tells whether `value` is an {@link AccessDeniedError} from any copy of
   * `@latch/device-grant`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'access_denied'`.
   */
  static override isInstance(value: unknown): value is AccessDeniedError {
    return LatchError.isInstance(value) && value.code === 'access_denied';
  }
}

/**
 * Options of {@link DeviceTokenError}.
 */
export interface DeviceTokenErrorOptions extends LatchErrorOptions {
  /** The server's `error` code, verbatim (e.g. `invalid_grant`). */
  readonly error: string;
  /** The HTTP status of the response. Default: unknown. */
  readonly status?: number | undefined;
}

const NEXT_STEPS: Readonly<Record<string, string>> = {
  invalid_grant: 'The device code is invalid or was already used; run the login again.',
  invalid_client: 'The server did not accept the client; check the client id and its registration.',
  unauthorized_client:
    'This client may not use the device grant; check its registration at the server.',
  unsupported_grant_type:
    'The server does not support the device grant at its token endpoint; use another login method.',
  invalid_scope: 'The server refused the requested scope; run the login again with fewer scopes.',
  invalid_request:
    'The server found the token request malformed; this is likely a client or server bug.',
};

/**
 * The token endpoint ended the device flow with an OAuth error other than the ones polling
 * expects (`authorization_pending`, `slow_down`) or has its own class for (`expired_token`,
 * `access_denied`): `invalid_grant`, `invalid_client`, `unsupported_grant_type`, … The server's
 * `error` is kept verbatim and its `OAuthError` is the `cause`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.5 | RFC 8628 §3.5}
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2}
 */
export class DeviceTokenError extends LatchError<'device_token_failed'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'DeviceTokenError';
  /** The server's `error` code, verbatim. */
  readonly error: string;
  /** The HTTP status of the response, when known. */
  readonly status: number | undefined;

  /**
   * @param options - The server's error code, the status and the `OAuthError` as `cause`.
   */
  constructor(options: DeviceTokenErrorOptions) {
    const code = sanitizeForDisplay(options.error).slice(0, 100);
    const next = Object.hasOwn(NEXT_STEPS, options.error)
      ? NEXT_STEPS[options.error]
      : 'See this error code in the server documentation, then run the login again.';
    super(
      'device_token_failed',
      `The device login failed: the authorization server answered "${code}". ${next}`,
      options,
    );
    this.error = options.error;
    this.status = options.status;
  }

  /**
   * Tells whether `value` is a {@link DeviceTokenError} from any copy of `@latch/device-grant`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'device_token_failed'`.
   */
  static override isInstance(value: unknown): value is DeviceTokenError {
    return LatchError.isInstance(value) && value.code === 'device_token_failed';
  }
}
