import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Options of {@link LoginTimeoutError}.
 */
export interface LoginTimeoutErrorOptions extends LatchErrorOptions {
  /** The time limit that ran out, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * No valid callback reached the loopback server within the login's time limit — typically the
 * user closed the tab or walked away. The server is closed and its port released.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-7.3 | RFC 8252 §7.3}
 */
export class LoginTimeoutError extends LatchError<'login_timeout'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'LoginTimeoutError';
  /** The time limit that ran out, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * @param options - The limit and cause.
   */
  constructor(options: LoginTimeoutErrorOptions) {
    super(
      'login_timeout',
      `The browser login did not complete within ${Math.round(options.timeoutMs / 1000)} s. Run the login again, or use the device login if no browser can reach this machine.`,
      options,
    );
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * Tells whether `value` is a {@link LoginTimeoutError} from any copy of `@latch/loopback`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'login_timeout'`.
   */
  static override isInstance(value: unknown): value is LoginTimeoutError {
    return LatchError.isInstance(value) && value.code === 'login_timeout';
  }
}
