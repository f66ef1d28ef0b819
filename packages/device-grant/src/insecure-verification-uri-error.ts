import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Options of {@link InsecureVerificationUriError}.
 */
export interface InsecureVerificationUriErrorOptions extends LatchErrorOptions {
  /** The wire field that was refused. */
  readonly field: 'verification_uri' | 'verification_uri_complete';
  /** The refused URL's scheme and host (`http://as.example`), never its path or query. */
  readonly origin: string;
}

/**
 * The server sent a verification URI that latch will not show the user: not `https:` on a
 * remote host (plain `http:` is accepted only for loopback hosts, or with `allowInsecureHttp`),
 * another scheme altogether (`javascript:`, `file:`…), or a URL carrying a user name or password
 * (`https://login.example@evil.example/`, a classic look-alike). The user would type their
 * credentials into that page, so a clear-text or disguised address is a phishing risk.
 *
 * The message names the field and the origin only: `verification_uri_complete` carries the user
 * code in its query.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-5.4 | RFC 8628 §5.4} (remote phishing)
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-3.1 | RFC 6749 §3.1} (TLS for user-facing endpoints)
 */
export class InsecureVerificationUriError extends LatchError<'insecure_verification_uri'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'InsecureVerificationUriError';
  /** The wire field that was refused. */
  readonly field: 'verification_uri' | 'verification_uri_complete';
  /** The refused URL's scheme and host. */
  readonly origin: string;

  /**
   * @param message - Why the URI was refused and what to do next.
   * @param options - The field, the origin and the cause.
   */
  constructor(message: string, options: InsecureVerificationUriErrorOptions) {
    super('insecure_verification_uri', message, options);
    this.field = options.field;
    this.origin = options.origin;
  }

  /**
   * Tells whether `value` is an {@link InsecureVerificationUriError} from any copy of
   * `@latch/device-grant`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'insecure_verification_uri'`.
   */
  static override isInstance(value: unknown): value is InsecureVerificationUriError {
    return LatchError.isInstance(value) && value.code === 'insecure_verification_uri';
  }
}
