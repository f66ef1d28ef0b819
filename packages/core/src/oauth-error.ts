import { isLatchErrorWithCode, LatchError, type LatchErrorOptions } from './latch-error.js';
import { sanitizeServerText } from './server-text.js';

const MESSAGE_DESCRIPTION_LENGTH = 200;
const FIELD_TEXT_LENGTH = 1000;

/**
 * What to do next for the error codes of RFC 6749 §5.2, RFC 8628 §3.5 and RFC 8693 §2.2.2.
 */
const NEXT_STEPS: Readonly<Record<string, string>> = {
  invalid_request:
    'The request was malformed; this is likely a bug in the client or a server misconfiguration.',
  invalid_client:
    'Client authentication failed; check the client id, its secret and its registration.',
  invalid_grant:
    'The code, refresh token or device code is invalid, expired or revoked; log in again.',
  unauthorized_client: 'This client may not use this grant; check its registration.',
  unsupported_grant_type: 'The server does not support this grant; pick another login method.',
  invalid_scope: 'Request fewer or other scopes.',
  invalid_target: 'The server refused the requested resource or audience; check it.',
  access_denied: 'The request was declined; log in again if that was a mistake.',
  authorization_pending: 'The user has not approved the request yet; keep polling.',
  slow_down: 'Poll less often: add 5 seconds to the interval.',
  expired_token: 'The code expired before it was approved; start the login again.',
  temporarily_unavailable: 'The server is busy; retry later.',
  server_error: 'The server failed; retry later.',
};

/**
 * The fields of an RFC 6749 §5.2 error response, as latch hands them to callers.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2}
 */
export interface OAuthErrorDetails {
  /** The server's `error` code, verbatim (e.g. `invalid_grant`). */
  readonly error: string;
  /** The server's `error_description`, with control characters removed and its length capped. */
  readonly errorDescription?: string | undefined;
  /** The server's `error_uri`. */
  readonly errorUri?: string | undefined;
  /** The HTTP status of the response that carried the error (200 when a 200 carried one). */
  readonly status?: number | undefined;
  /** Seconds to wait before retrying, from the `Retry-After` header, when the server sent one. */
  readonly retryAfter?: number | undefined;
}

/**
 * The authorization server answered with an OAuth error body (`{"error": "…"}`).
 *
 * `error` is the server's code verbatim, so callers can switch on the RFC codes
 * (`invalid_grant`, `authorization_pending`, `slow_down`, …). The message quotes the server's
 * `error_description` only after removing control characters and capping its length.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2}
 * @example
 * ```ts
 * try {
 *   await requestToken(tokenEndpoint, { grant_type: 'refresh_token', refresh_token, client_id });
 * } catch (err) {
 *   if (OAuthError.isInstance(err) && err.error === 'invalid_grant') {
 *     // the session is over: ask the user to log in again
 *   }
 * }
 * ```
 */
export class OAuthError extends LatchError<'oauth_error'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'OAuthError';
  /** The server's `error` code, verbatim. */
  readonly error: string;
  /** The server's `error_description`, cleaned of control characters and capped. */
  readonly errorDescription: string | undefined;
  /** The server's `error_uri`, cleaned of control characters. */
  readonly errorUri: string | undefined;
  /** The HTTP status of the response, when known. */
  readonly status: number | undefined;
  /** Seconds to wait before retrying, from `Retry-After`, when given. */
  readonly retryAfter: number | undefined;

  /**
   * @param details - The error body's fields and the HTTP status.
   * @param options - The cause to chain.
   */
  constructor(details: OAuthErrorDetails, options?: LatchErrorOptions) {
    const description =
      details.errorDescription === undefined
        ? undefined
        : sanitizeServerText(details.errorDescription, FIELD_TEXT_LENGTH) || undefined;
    super('oauth_error', buildMessage(details.error, description, details.status), options);
    this.error = details.error;
    this.errorDescription = description;
    this.errorUri =
      details.errorUri === undefined
        ? undefined
        : sanitizeServerText(details.errorUri, FIELD_TEXT_LENGTH) || undefined;
    this.status = details.status;
    this.retryAfter = details.retryAfter;
  }

  /**
   * Tells whether `value` is an {@link OAuthError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'oauth_error'`.
   */
  static override isInstance(value: unknown): value is OAuthError {
    return isLatchErrorWithCode(value, 'oauth_error');
  }
}

function buildMessage(error: string, description: string | undefined, status?: number): string {
  const code = sanitizeServerText(error, 100);
  const where = status === undefined ? '' : ` (HTTP ${status})`;
  const said =
    description === undefined
      ? ''
      : `: "${sanitizeServerText(description, MESSAGE_DESCRIPTION_LENGTH)}"`;
  const next = Object.hasOwn(NEXT_STEPS, error)
    ? NEXT_STEPS[error]
    : 'See the error code in the server documentation.';
  return `The authorization server returned the OAuth error "${code}"${where}${said}. ${next}`;
}
