import { isLatchErrorWithCode, LatchError, type LatchErrorOptions } from './latch-error.js';
import { sanitizeServerText } from './server-text.js';

/**
 * Options of {@link RevocationRefusedError}.
 */
export interface RevocationRefusedErrorOptions extends LatchErrorOptions {
  /** The server's `error` code, verbatim (e.g. `unsupported_token_type`). */
  readonly error: string;
  /** The server's `error_description`, as the {@link OAuthError} in `cause` holds it. */
  readonly errorDescription?: string | undefined;
  /** The HTTP status of the response. Default: unknown. */
  readonly status?: number | undefined;
}

/**
 * The authorization server refused to revoke the token: it does not let this (public) client
 * revoke (`invalid_client`, `unauthorized_client`) or does not revoke this type of token
 * (`unsupported_token_type`, RFC 7009 §2.2.1). The token was NOT revoked and stays valid until
 * it expires; a CLI logging out should still delete it locally and show this as a warning.
 *
 * The server's {@link OAuthError} is chained as `cause`; its `error` and `errorDescription`
 * are kept here too.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc7009#section-2.2.1 | RFC 7009 §2.2.1}
 * @example
 * ```ts
 * try {
 *   await revokeToken({ endpoint, clientId: 'my-cli', token: stored.refreshToken });
 * } catch (err) {
 *   if (!RevocationRefusedError.isInstance(err)) throw err;
 *   console.warn(err.message); // still delete the stored tokens
 * }
 * ```
 */
export class RevocationRefusedError extends LatchError<'revocation_refused'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'RevocationRefusedError';
  /** The server's `error` code, verbatim. */
  readonly error: string;
  /** The server's `error_description`, cleaned of control characters and capped. */
  readonly errorDescription: string | undefined;
  /** The HTTP status of the response, when known. */
  readonly status: number | undefined;

  /**
   * @param options - The server's error code and description, the status and the cause.
   */
  constructor(options: RevocationRefusedErrorOptions) {
    const code = sanitizeServerText(options.error, 100);
    const where = options.status === undefined ? '' : `, HTTP ${options.status}`;
    super(
      'revocation_refused',
      `The authorization server refused to revoke the token ("${code}"${where}), so it stays valid until it expires. Delete it locally anyway; to revoke it, sign out at the server or ask its operator to allow revocation for this client.`,
      options,
    );
    this.error = options.error;
    this.errorDescription = options.errorDescription;
    this.status = options.status;
  }

  /**
   * Tells whether `value` is a {@link RevocationRefusedError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'revocation_refused'`.
   */
  static override isInstance(value: unknown): value is RevocationRefusedError {
    return isLatchErrorWithCode(value, 'revocation_refused');
  }
}
