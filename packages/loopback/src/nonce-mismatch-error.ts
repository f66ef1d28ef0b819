import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Options of {@link NonceMismatchError}.
 */
export interface NonceMismatchErrorOptions extends LatchErrorOptions {
  /** Whether the token response carried an ID token at all. */
  readonly idTokenPresent: boolean;
}

/**
 * An `openid` login came back without an ID token, or with one whose `nonce` claim is not the
 * one this login sent: the tokens may belong to another login (a replayed or injected code).
 * The tokens are dropped; they appear nowhere in the error.
 *
 * @see {@link https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation | OpenID Connect Core 1.0 §3.1.3.7} (step 11)
 */
export class NonceMismatchError extends LatchError<'nonce_mismatch'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'NonceMismatchError';
  /** Whether the token response carried an ID token at all. */
  readonly idTokenPresent: boolean;

  /**
   * @param options - Whether an ID token came, and the cause.
   */
  constructor(options: NonceMismatchErrorOptions) {
    super(
      'nonce_mismatch',
      options.idTokenPresent
        ? 'The ID token does not carry the nonce this login sent, so the tokens were discarded. Run the login again; if it persists, report it to the authorization server operator.'
        : 'The authorization server returned no ID token for an openid login, so the tokens were discarded. Run the login again, or leave out the openid scope.',
      options,
    );
    this.idTokenPresent = options.idTokenPresent;
  }

  /**
   * Tells whether `value` is a {@link NonceMismatchError} from any copy of `@latch/loopback`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'nonce_mismatch'`.
   */
  static override isInstance(value: unknown): value is NonceMismatchError {
    return LatchError.isInstance(value) && value.code === 'nonce_mismatch';
  }
}
