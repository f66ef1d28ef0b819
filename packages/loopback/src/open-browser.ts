import { type BrowserCommand, parseBrowserVariable } from './browser-command.js';
import type { BrowserUnavailableReason } from './browser-unavailable-error.js';
import { type LaunchBrowser, launchWithOpen } from './launch-browser.js';
import { type Env, systemDefaults } from './system-defaults.js';

/**
 * Options of {@link openBrowser}.
 */
export interface OpenBrowserOptions {
  /** The environment to read `BROWSER` from. Default: `process.env`. */
  readonly env?: Env | undefined;
  /** The platform, for how `BROWSER` separates its commands. Default: `process.platform`. */
  readonly platform?: string | undefined;
  /**
   * What starts the browser. Default: the `open` package. Tests pass a fake so that no
   * desktop browser is ever launched.
   */
  readonly launch?: LaunchBrowser | undefined;
}

/**
 * What {@link openBrowser} did: opened, or not and why. `opened: true` means the opener
 * started, not that a window appeared (see {@link browserLikelyWorks} for that guess).
 */
export type OpenBrowserResult =
  | {
      /** The browser (or the system's URL handler) was started. */
      readonly opened: true;
    }
  | {
      /** No browser was started. */
      readonly opened: false;
      /** Why not. */
      readonly reason: BrowserUnavailableReason;
      /** The same, as a sentence for the user (without the URL). */
      readonly message: string;
    };

/**
 * Opens a URL in the user's browser, honouring `BROWSER` (a `:`-separated list of commands,
 * tried in order; `BROWSER=none` turns it off), else through the `open` package. Never throws
 * for a browser that cannot be started: it reports it, so the caller can print the URL or
 * fall back to another login.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-6 | RFC 8252 §6} (the external user-agent)
 * @param url - The `https:` (or `http:`) URL to open.
 * @param options - The environment, platform and launcher.
 * @returns Whether it was opened, and why not.
 * @throws TypeError (rejection) when `url` is not an absolute `http:` or `https:` URL; other
 *   schemes would let `open` start files or programs.
 * @example
 * ```ts
 * const opened = await openBrowser(authorizationUrl);
 * if (!opened.opened) console.error(`${opened.message} Open this URL yourself: ${authorizationUrl}`);
 * ```
 */
export async function openBrowser(
  url: string,
  options: OpenBrowserOptions = {},
): Promise<OpenBrowserResult> {
  if (typeof url !== 'string' || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new TypeError('openBrowser: url must be an absolute http: or https: URL');
  }
  const env = options.env ?? systemDefaults.env();
  const platform = options.platform ?? systemDefaults.platform();
  const launch = options.launch ?? launchWithOpen;
  const commands = parseBrowserVariable(env.BROWSER, url, platform);
  if (commands === 'none') {
    return {
      opened: false,
      reason: 'disabled',
      message: 'Opening a browser is turned off (BROWSER=none).',
    };
  }
  const attempts: readonly (BrowserCommand | undefined)[] = commands ?? [undefined];
  const failures: string[] = [];
  for (const command of attempts) {
    try {
      await launch(url, command);
      return { opened: true };
    } catch (error) {
      failures.push(describeFailure(command, error));
    }
  }
  return {
    opened: false,
    reason: 'launch_failed',
    message: `The browser could not be started (${failures.join('; ')}).`,
  };
}

function describeFailure(command: BrowserCommand | undefined, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const what = command === undefined ? 'the default browser' : command.command;
  return `${what}: ${typeof code === 'string' ? code : 'failed'}`;
}
