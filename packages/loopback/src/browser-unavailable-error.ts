import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Why no browser was (or is likely to be) opened on this machine.
 *
 * - `disabled`: the caller or the user turned it off (`browser: 'never'`, `BROWSER=none`).
 * - `no_display`: Linux or BSD without `DISPLAY` or `WAYLAND_DISPLAY`.
 * - `ssh`: an SSH session (`SSH_CONNECTION`, `SSH_CLIENT`, `SSH_TTY`): a browser would open
 *   on the remote machine, if at all.
 * - `ci`: a CI job (`CI`), where nobody is there to sign in.
 * - `wsl_no_interop`: WSL without Windows interop, so no Windows browser can be started.
 * - `launch_failed`: the opener failed to start (no `xdg-open`, a `BROWSER` command not found…).
 */
export type BrowserUnavailableReason =
  | 'disabled'
  | 'no_display'
  | 'ssh'
  | 'ci'
  | 'wsl_no_interop'
  | 'launch_failed';

/**
 * Options of {@link BrowserUnavailableError}.
 */
export interface BrowserUnavailableErrorOptions extends LatchErrorOptions {
  /** Why no browser was opened. */
  readonly reason: BrowserUnavailableReason;
}

/**
 * {@link browserLogin} could not open a browser and was given no way around it: no
 * `onAuthorizationUrl` to show the address and no `readPastedUrl` to take the redirect back.
 * The loopback server is already closed. Fall back to another login, such as the device
 * authorization grant (RFC 8628).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-6 | RFC 8252 §6}
 * @example
 * ```ts
 * try {
 *   tokens = await browserLogin({ issuer, clientId });
 * } catch (err) {
 *   if (!BrowserUnavailableError.isInstance(err)) throw err;
 *   tokens = await deviceLogin({ issuer, clientId }); // @latch/device-grant
 * }
 * ```
 */
export class BrowserUnavailableError extends LatchError<'browser_unavailable'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'BrowserUnavailableError';
  /** Why no browser was opened. */
  readonly reason: BrowserUnavailableReason;

  /**
   * @param options - The reason and cause.
   */
  constructor(options: BrowserUnavailableErrorOptions) {
    super(
      'browser_unavailable',
      `No browser could be opened for the login (${options.reason}). Log in with a device code instead, or show the login URL to the user (onAuthorizationUrl) and let them paste the final address back (readPastedUrl).`,
      options,
    );
    this.reason = options.reason;
  }

  /**
   * Tells whether `value` is a {@link BrowserUnavailableError} from any copy of
   * `@latch/loopback`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'browser_unavailable'`.
   */
  static override isInstance(value: unknown): value is BrowserUnavailableError {
    return LatchError.isInstance(value) && value.code === 'browser_unavailable';
  }
}
