import { isLatchErrorWithCode, LatchError, type LatchErrorOptions } from './latch-error.js';

/**
 * Options of {@link TimeoutError}.
 */
export interface TimeoutErrorOptions extends LatchErrorOptions {
  /** The time limit that ran out, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * A request did not complete — connect, send, and read the whole body — within its time limit.
 * Distinct from {@link AbortError}, which is the caller's own signal.
 */
export class TimeoutError extends LatchError<'timeout'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'TimeoutError';
  /** The time limit that ran out, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * @param message - What timed out and what to do next.
   * @param options - The limit and cause.
   */
  constructor(message: string, options: TimeoutErrorOptions) {
    super('timeout', message, options);
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * Tells whether `value` is a {@link TimeoutError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'timeout'`.
   */
  static override isInstance(value: unknown): value is TimeoutError {
    return isLatchErrorWithCode(value, 'timeout');
  }
}

/**
 * The server could not be reached or the connection broke: refused, reset, DNS failure, TLS
 * failure. The transport's own error is chained as `cause`.
 */
export class NetworkError extends LatchError<'network_error'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'NetworkError';

  /**
   * @param message - What failed and what to do next.
   * @param options - The transport error to chain.
   */
  constructor(message: string, options?: LatchErrorOptions) {
    super('network_error', message, options);
  }

  /**
   * Tells whether `value` is a {@link NetworkError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'network_error'`.
   */
  static override isInstance(value: unknown): value is NetworkError {
    return isLatchErrorWithCode(value, 'network_error');
  }
}

/**
 * The caller's `AbortSignal` fired. The signal's `reason` is chained as `cause`.
 */
export class AbortError extends LatchError<'aborted'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'AbortError';

  /**
   * @param message - What was cancelled.
   * @param options - The signal's reason to chain.
   */
  constructor(message: string, options?: LatchErrorOptions) {
    super('aborted', message, options);
  }

  /**
   * Tells whether `value` is an {@link AbortError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'aborted'`.
   */
  static override isInstance(value: unknown): value is AbortError {
    return isLatchErrorWithCode(value, 'aborted');
  }
}

/**
 * Options of {@link InsecureEndpointError}.
 */
export interface InsecureEndpointErrorOptions extends LatchErrorOptions {
  /** The refused URL, origin and path only. */
  readonly url: string;
}

/**
 * An endpoint is not `https:` (and not plain `http:` on a loopback host), so latch refused to
 * send anything to it. Raised before any connection is opened.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-3.2 | RFC 6749 §3.2} (TLS required)
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-8.3 | RFC 8252 §8.3} (loopback)
 */
export class InsecureEndpointError extends LatchError<'insecure_endpoint'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'InsecureEndpointError';
  /** The refused URL, origin and path only. */
  readonly url: string;

  /**
   * @param message - Why the endpoint was refused and what to do next.
   * @param options - The URL and cause.
   */
  constructor(message: string, options: InsecureEndpointErrorOptions) {
    super('insecure_endpoint', message, options);
    this.url = options.url;
  }

  /**
   * Tells whether `value` is an {@link InsecureEndpointError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'insecure_endpoint'`.
   */
  static override isInstance(value: unknown): value is InsecureEndpointError {
    return isLatchErrorWithCode(value, 'insecure_endpoint');
  }
}
