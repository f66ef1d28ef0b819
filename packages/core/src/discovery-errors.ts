import { isLatchErrorWithCode, LatchError, type LatchErrorOptions } from './latch-error.js';

/**
 * Options of {@link IssuerMismatchError}.
 */
export interface IssuerMismatchErrorOptions extends LatchErrorOptions {
  /** The issuer that was asked for, normalised. */
  readonly expected: string;
  /** The `issuer` the metadata document named (normalised when it parses as an issuer). */
  readonly actual: string;
}

/**
 * A metadata document names another issuer than the one asked for. Latch never uses such a
 * document (a mix-up attack or a misconfiguration), nor falls back to another location.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-3.3 | RFC 8414 §3.3}
 */
export class IssuerMismatchError extends LatchError<'issuer_mismatch'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'IssuerMismatchError';
  /** The issuer that was asked for, normalised. */
  readonly expected: string;
  /** The issuer the document named. */
  readonly actual: string;

  /**
   * @param message - What did not match and what to do next.
   * @param options - Both issuers and the cause.
   */
  constructor(message: string, options: IssuerMismatchErrorOptions) {
    super('issuer_mismatch', message, options);
    this.expected = options.expected;
    this.actual = options.actual;
  }

  /**
   * Tells whether `value` is an {@link IssuerMismatchError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'issuer_mismatch'`.
   */
  static override isInstance(value: unknown): value is IssuerMismatchError {
    return isLatchErrorWithCode(value, 'issuer_mismatch');
  }
}

/**
 * Options of {@link DiscoveryError}.
 */
export interface DiscoveryErrorOptions extends LatchErrorOptions {
  /** The metadata URLs that were tried, in order. */
  readonly attempts: readonly string[];
}

/**
 * No well-known location served authorization server metadata for the issuer (each answered
 * 4xx or something other than JSON). The last attempt's error is chained as `cause`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-3 | RFC 8414 §3}
 * @see {@link https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig | OpenID Connect Discovery 1.0 §4}
 */
export class DiscoveryError extends LatchError<'discovery_failed'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'DiscoveryError';
  /** The metadata URLs that were tried, in order. */
  readonly attempts: readonly string[];

  /**
   * @param message - What was tried and what to do next.
   * @param options - The URLs tried and the cause.
   */
  constructor(message: string, options: DiscoveryErrorOptions) {
    super('discovery_failed', message, options);
    this.attempts = options.attempts;
  }

  /**
   * Tells whether `value` is a {@link DiscoveryError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'discovery_failed'`.
   */
  static override isInstance(value: unknown): value is DiscoveryError {
    return isLatchErrorWithCode(value, 'discovery_failed');
  }
}
