import { type CoreError, LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Options of {@link RefreshTokenRejectedError}.
 */
export interface RefreshTokenRejectedErrorOptions extends LatchErrorOptions {
  /** The server's `error` code, verbatim: `invalid_grant`. */
  readonly error: string;
  /** The server's `error_description`, as the `OAuthError` in `cause` holds it. */
  readonly errorDescription?: string | undefined;
  /** The HTTP status of the response. Default: unknown. */
  readonly status?: number | undefined;
}

/**
 * The authorization server answered `invalid_grant` to a refresh: the refresh token is expired,
 * revoked, was issued to another client, or was already used. With rotating refresh tokens,
 * "already used" often means another process (another terminal running the same CLI)
 * refreshed first and stored the new token — so re-read the token store before deciding the
 * session is over; if the stored token is still the one that was refused, log in again.
 *
 * The server's `OAuthError` is chained as `cause`; its `error` and `errorDescription` are kept
 * here too.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2} (`invalid_grant`)
 * @see {@link https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2 | RFC 9700 §4.14.2} (rotation)
 * @example
 * ```ts
 * try {
 *   tokens = await refreshTokens({ endpoint, clientId: 'my-cli', refreshToken });
 * } catch (err) {
 *   if (!RefreshTokenRejectedError.isInstance(err)) throw err;
 *   // reload the store: another process may have rotated the token; else log in again
 * }
 * ```
 */
export class RefreshTokenRejectedError extends LatchError<'refresh_token_rejected'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'RefreshTokenRejectedError';
  /** The server's `error` code, verbatim (`invalid_grant`). */
  readonly error: string;
  /** The server's `error_description`, cleaned of control characters and capped by core. */
  readonly errorDescription: string | undefined;
  /** The HTTP status of the response, when known. */
  readonly status: number | undefined;

  /**
   * @param options - The server's error code and description, the status and the cause.
   */
  constructor(options: RefreshTokenRejectedErrorOptions) {
    super(
      'refresh_token_rejected',
      'The authorization server rejected the refresh token (invalid_grant): it expired, was revoked, or was already used. If another process may have refreshed first, reload the stored tokens; otherwise log in again.',
      options,
    );
    this.error = options.error;
    this.errorDescription = options.errorDescription;
    this.status = options.status;
  }

  /**
   * Tells whether `value` is a {@link RefreshTokenRejectedError} from any copy of
   * `@latch/refresh`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'refresh_token_rejected'`.
   */
  static override isInstance(value: unknown): value is RefreshTokenRejectedError {
    return LatchError.isInstance(value) && value.code === 'refresh_token_rejected';
  }
}

/**
 * Every error {@link refreshTokens} rejects with (besides `TypeError` for bad arguments): its own
 * {@link RefreshTokenRejectedError} and core's errors. A closed union: `switch (err.code)`
 * narrows to the class.
 *
 * @example
 * ```ts
 * function explain(err: RefreshError): string {
 *   switch (err.code) {
 *     case 'refresh_token_rejected':
 *       return 'Your session ended; run `mycli login`.';
 *     case 'timeout':
 *       return `No answer within ${err.timeoutMs} ms; retry.`;
 *     default:
 *       return err.message;
 *   }
 * }
 * ```
 */
export type RefreshError = RefreshTokenRejectedError | CoreError;
