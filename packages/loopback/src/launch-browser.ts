import type { BrowserCommand } from './browser-command.js';

/**
 * Starts a browser on `url`: the system's default handler when `command` is absent, else that
 * command (whose arguments already hold the URL). Resolves once the program has started;
 * rejects when it cannot be started.
 */
export type LaunchBrowser = (url: string, command?: BrowserCommand) => Promise<void>;

/**
 * The default {@link LaunchBrowser}, through the `open` package (`xdg-open`, `open`, `start`,
 * or WSL's Windows interop). `open` is loaded on first use, so a CLI that never opens a
 * browser never loads it.
 *
 * @internal
 */
export const launchWithOpen: LaunchBrowser = async (url, command) => {
  const { default: open, openApp } = await import('open');
  if (command === undefined) await open(url);
  else await openApp(command.command, { arguments: [...command.args] });
};
