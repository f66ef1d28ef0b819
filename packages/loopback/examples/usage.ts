import { createInterface } from 'node:readline/promises';
import type { TokenSet } from '@latch/core';
import { type BrowserLoginOptions, browserLogin } from '@latch/loopback';

/** `mycli login`: the browser on this machine, or the URL opened elsewhere and pasted back. */
export function login(
  issuer: string,
  options: Partial<BrowserLoginOptions> = {},
): Promise<TokenSet> {
  return browserLogin({
    issuer,
    clientId: 'latch-cli',
    scope: 'openid offline_access api:read',
    appName: 'mycli',
    onAuthorizationUrl: ({ url, browserOpened }) => {
      if (!browserOpened) console.error(`Open this URL in a browser to log in:\n\n  ${url}\n`);
    },
    // Only asked when no browser opened here (SSH, no display…): the user signs in elsewhere
    // and pastes the address the browser ended on.
    readPastedUrl: async ({ signal, rejected }) => {
      if (rejected) console.error(rejected.message);
      const prompt = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await prompt.question('Paste the address your browser ended on: ', { signal });
      } finally {
        prompt.close();
      }
    },
    ...options,
  });
}
