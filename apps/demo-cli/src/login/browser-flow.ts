import type { TokenSet } from '@latch/core';
import type { AuthorizationUrlEvent, LoginEndpoints } from '@latch/loopback';
import type { CliContext } from '../context.js';
import { createPasteReader } from './paste-reader.js';

/**
 * The browser login (RFC 8252): authorization code with PKCE through a loopback redirect, by
 * `@latch/loopback`'s `browserLogin`. When no browser opens here (or `--no-browser`), the URL
 * is printed on stderr and the login ends with whichever comes first: the loopback redirect,
 * or the address the browser ended on pasted on stdin.
 * @param ctx - The command's context.
 * @param endpoints - The discovered endpoints (no second discovery).
 * @param browser - `never` for `--no-browser`, else `auto` (`browserLikelyWorks` decides).
 * @throws `PortUnavailableError` before anything is shown when the port cannot be bound, and
 *   `browserLogin`'s other errors.
 */
export async function runBrowserFlow(
  ctx: CliContext,
  endpoints: LoginEndpoints,
  browser: 'auto' | 'never',
): Promise<TokenSet> {
  const { args, config, out } = ctx;
  const { browserLogin } = await import('@latch/loopback');
  const interactive = (ctx.stdin as { isTTY?: boolean }).isTTY === true && !out.json;
  const paste = createPasteReader(ctx.stdin, { interactive, prompt: (line) => out.progress(line) });
  try {
    return await browserLogin({
      endpoints,
      clientId: config.clientId,
      scope: config.scope,
      appName: 'latch',
      browser,
      port: args.port ?? 0,
      env: ctx.env,
      signal: ctx.signal,
      onAuthorizationUrl: (event) => showAuthorizationUrl(ctx, event),
      readPastedUrl: paste.read,
    });
  } finally {
    paste.close();
  }
}

function showAuthorizationUrl(ctx: CliContext, event: AuthorizationUrlEvent): void {
  const { out } = ctx;
  out.event({
    event: 'authorization_url',
    url: event.url,
    redirectUri: event.redirectUri,
    browserOpened: event.browserOpened,
    ...(event.reason === undefined ? {} : { reason: event.reason }),
  });
  out.progress('');
  if (event.browserOpened) {
    out.progress('Your browser is open at the sign-in page. If it is not, open this URL:');
    out.progress('');
    out.progress(`  ${event.url}`);
    out.progress('');
    out.progress('Waiting for the browser… (Ctrl-C cancels)');
    return;
  }
  out.progress('Open this URL in a browser (on any machine) to log in:');
  out.progress('');
  out.progress(`  ${event.url}`);
  out.progress('');
  out.progress(
    'On this machine, the browser comes back here by itself. Elsewhere, copy the address the',
  );
  out.progress(
    `browser ends on (it starts with ${event.redirectUri}), paste it here and press Enter.`,
  );
  out.progress('Waiting… (Ctrl-C cancels)');
}
