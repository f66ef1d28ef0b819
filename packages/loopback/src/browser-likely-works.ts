import type { BrowserUnavailableReason } from './browser-unavailable-error.js';
import { type Env, systemDefaults } from './system-defaults.js';

/**
 * Options of {@link browserLikelyWorks}. Each defaults to the real process's value.
 */
export interface BrowserLikelyWorksOptions {
  /** The environment variables to judge by. Default: `process.env`. */
  readonly env?: Env | undefined;
  /** The platform, as `process.platform` names it. Default: `process.platform`. */
  readonly platform?: string | undefined;
  /** The kernel release, as `os.release()` gives it (WSL kernels name Microsoft). Default: `os.release()`. */
  readonly osRelease?: string | undefined;
}

/**
 * The verdict of {@link browserLikelyWorks}: likely, or not and why.
 */
export type BrowserCheck =
  | {
      /** A browser will probably open and reach this machine's loopback address. */
      readonly likely: true;
    }
  | {
      /** A browser will probably not open, or not on this machine. */
      readonly likely: false;
      /** Why not. */
      readonly reason: BrowserUnavailableReason;
      /** The same, as a sentence for the user. */
      readonly message: string;
    };

const MESSAGES: Readonly<Record<BrowserUnavailableReason, string>> = {
  disabled: 'Opening a browser is turned off (BROWSER=none).',
  ci: 'This looks like a CI job, where nobody can sign in in a browser.',
  ssh: 'This is an SSH session: a browser would not open on your screen.',
  no_display: 'There is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set).',
  wsl_no_interop: 'This is WSL without Windows interop, so no Windows browser can be started.',
  launch_failed: 'The browser could not be started.',
};

const FALSE_VALUES = new Set(['', '0', 'false', 'no']);

/**
 * Says whether opening a browser on this machine is likely to work, so a CLI can go straight
 * to printing the URL (and a paste-back), or to the device login, instead of waiting on a
 * browser that never appears. Pure over its inputs; the defaults are read in one module.
 *
 * Unlikely when `BROWSER=none`; in CI (`CI`, `CONTINUOUS_INTEGRATION`); in an SSH session
 * (`SSH_CONNECTION`, `SSH_CLIENT`, `SSH_TTY`) unless `BROWSER` names a command; on Linux and
 * the BSDs without `DISPLAY` or `WAYLAND_DISPLAY`; on WSL without interop (`WSL_INTEROP`) and
 * without a display. macOS and Windows desktops are assumed to have a browser.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-6 | RFC 8252 §6}
 * @param options - The environment, platform and OS release to judge.
 * @returns The verdict and, when unlikely, the reason.
 * @example
 * ```ts
 * const check = browserLikelyWorks();
 * if (!check.likely) console.error(`${check.message} Using the device login instead.`);
 * ```
 */
export function browserLikelyWorks(options: BrowserLikelyWorksOptions = {}): BrowserCheck {
  const env = options.env ?? systemDefaults.env();
  const platform = options.platform ?? systemDefaults.platform();
  const unlikely = (reason: BrowserUnavailableReason): BrowserCheck => ({
    likely: false,
    reason,
    message: MESSAGES[reason],
  });
  const browser = env.BROWSER?.trim();
  if (browser?.toLowerCase() === 'none') return unlikely('disabled');
  if (isSet(env.CI) || isSet(env.CONTINUOUS_INTEGRATION)) return unlikely('ci');
  if (browser !== undefined && browser !== '') return { likely: true };
  if (isSet(env.SSH_CONNECTION) || isSet(env.SSH_CLIENT) || isSet(env.SSH_TTY)) {
    return unlikely('ssh');
  }
  if (platform === 'darwin' || platform === 'win32') return { likely: true };
  const display = isSet(env.DISPLAY) || isSet(env.WAYLAND_DISPLAY);
  const release = options.osRelease ?? systemDefaults.osRelease();
  const wsl = platform === 'linux' && (isSet(env.WSL_DISTRO_NAME) || /microsoft/i.test(release));
  if (wsl) return isSet(env.WSL_INTEROP) || display ? { likely: true } : unlikely('wsl_no_interop');
  return display ? { likely: true } : unlikely('no_display');
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && !FALSE_VALUES.has(value.trim().toLowerCase());
}
