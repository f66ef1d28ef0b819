import { OAuthError } from '@latch/core';
import { type Issuer, startIssuer } from '@latch/issuer';
import { rejectionOf } from '@latch/test-support';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserLogin } from './browser-login.js';
import { launchChromium, recordDocuments, signInAsDemo } from './test-support/chromium.js';
import { tryConnect } from './test-support/http.js';

// One Chromium for the file, a fresh context (cookies, cache) per test.
describe('browserLogin in a real browser (headless Chromium)', () => {
  let issuer: Issuer;
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    [issuer, browser] = await Promise.all([startIssuer({ log: () => {} }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await issuer?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
  });
  afterEach(() => context.close());

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '[::1]'],
  ] as const)(
    'signs the demo user in over %s and ends on the clean result page',
    async (host, literal) => {
      const page = await context.newPage();
      const documents = recordDocuments(page);
      let driving: Promise<void> | undefined;
      const tokens = await browserLogin({
        issuer: issuer.url,
        clientId: issuer.clientId,
        scope: 'openid offline_access api:read',
        host,
        appName: 'latch test',
        openUrl: async (url) => {
          driving = signInAsDemo(page, url);
          return { opened: true };
        },
      });
      await driving;
      expect(tokens.tokenType).toBe('Bearer');
      expect(tokens.refreshToken).toBeDefined();
      expect(issuer.grants.count('authorization_code')).toBeGreaterThan(0);

      await page.waitForURL(/\/done\//);
      const final = new URL(page.url());
      expect(final.hostname).toBe(literal);
      expect(final.pathname).toMatch(/^\/done\/[\w-]+$/);
      expect(final.search).toBe('');
      expect(page.url()).not.toContain('code');
      expect(await page.textContent('h1')).toBe('Signed in');
      expect(await page.textContent('main')).toContain('You are signed in to latch test');

      const callback = documents.find((r) => new URL(r.url()).pathname === '/callback');
      expect(callback?.status()).toBe(303);
      const done = documents.at(-1);
      expect(done?.url()).toBe(page.url());
      const headers = (await done?.allHeaders()) ?? {};
      expect(headers['content-security-policy']).toMatch(/^default-src 'none'/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['cache-control']).toBe('no-store');
      expect(await tryConnect(host, Number(final.port))).toBe('ECONNREFUSED');
    },
  );

  it('shows a hostile error_description as text: no element, no script', async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    let driving: Promise<unknown> | undefined;
    const description = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const error = await rejectionOf(
      browserLogin({
        issuer: issuer.url,
        clientId: issuer.clientId,
        scope: 'api:read',
        // The "authorization server" sends the browser back with an error for this login.
        openUrl: async (url) => {
          const params = new URL(url).searchParams;
          const back = new URL(params.get('redirect_uri') ?? '');
          back.search = new URLSearchParams({
            error: 'access_denied',
            error_description: description,
            state: params.get('state') ?? '',
            iss: issuer.url,
          }).toString();
          driving = page.goto(back.href);
          return { opened: true };
        },
      }),
    );
    await driving;
    expect(OAuthError.isInstance(error)).toBe(true);
    expect((error as OAuthError).error).toBe('access_denied');
    await page.waitForURL(/\/done\//);
    expect(await page.textContent('h1')).toBe('Sign-in failed');
    expect(await page.textContent('.detail')).toBe(description);
    expect(await page.locator('img, main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
