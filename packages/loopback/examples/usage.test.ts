import { fileURLToPath } from 'node:url';
import { type Issuer, startIssuer } from '@latch/issuer';
import { readmeExample } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followCallback } from '../src/test-support/http.js';
import { login } from './usage.js';

describe('README example', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
  });
  afterAll(() => issuer.close());

  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('logs in through the loopback redirect', async () => {
    const tokens = await login(issuer.url, {
      // Stands in for the browser: the demo user approves, the redirect comes back to the CLI.
      openUrl: async (url) => {
        void issuer.authorize(url).then(followCallback);
        return { opened: true };
      },
    });
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.refreshToken).toBeDefined();
  });

  it('logs in from a pasted address when no browser opened', async () => {
    let shown = '';
    const tokens = await login(issuer.url, {
      openUrl: async () => ({ opened: false, reason: 'no_display', message: 'no display' }),
      onAuthorizationUrl: ({ url }) => {
        shown = url;
      },
      readPastedUrl: () => issuer.authorize(shown),
    });
    expect(tokens.tokenType).toBe('Bearer');
  });
});
