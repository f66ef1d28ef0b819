import { existsSync } from 'node:fs';
import { type Issuer, startIssuer } from '@latch/issuer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoServer } from './create-server.js';
import {
  cspViolations,
  launchChromium,
  signInAtIssuer,
  signInTenant,
} from './test-support/chromium.js';
import { startServer } from './test-support/harness.js';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM) && process.env.CI !== 'true') {
  console.warn(`\n!!! No ${CHROMIUM}: the browser tests are SKIPPED.\n`);
}

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')(
  'in a real browser (headless Chromium)',
  () => {
    let issuer: Issuer;
    let server: DemoServer;
    let browser: Browser;
    let context: BrowserContext;
    beforeAll(async () => {
      [issuer, browser] = await Promise.all([startIssuer({ log: () => {} }), launchChromium()]);
      server = await startServer(issuer);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await issuer?.close();
    });
    beforeEach(async () => {
      context = await browser.newContext();
    });
    afterEach(() => context.close());

    /** Counts main-frame navigations of a page (to tell a live update from a reload). */
    function navigations(page: Page): { count: number } {
      const seen = { count: 0 };
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) seen.count += 1;
      });
      return seen;
    }

    it.each([
      ['server-sent events', false],
      ['polling (no EventSource)', true],
    ] as const)(
      'device flow: approved in a second tab, the page turns connected without a reload (%s)',
      async (_name, noEventSource) => {
        const page = await context.newPage();
        const violations = cspViolations(page);
        if (noEventSource) await page.addInitScript('delete window.EventSource;');
        await signInTenant(page, server.url, 'acme', 'acme-demo');
        await page.check('#flow-device');
        await Promise.all([page.waitForURL(/\?session=/), page.click('#connect')]);
        const moves = navigations(page);
        await page.waitForSelector('#user-code:not(:empty)', { state: 'visible' });
        const userCode = (await page.textContent('#user-code'))?.trim() ?? '';
        expect(userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
        expect(await page.getAttribute('#qr', 'src')).toMatch(/\/qr\.svg$/);
        expect(await page.textContent('#countdown')).toMatch(/\d+ min \d+ s/);
        const link = (await page.getAttribute('#verification-link', 'href')) ?? '';
        expect(link.startsWith(`${issuer.url}/device`)).toBe(true);

        const approver = await context.newPage();
        await approver.goto(link);
        await approver.click('button[form="op.deviceConfirmForm"]:not([name])');
        await signInAtIssuer(approver);
        await approver.waitForSelector('text=is now signed in');

        await page
          .locator('#session-status', { hasText: 'Connected as' })
          .waitFor({ timeout: 15_000 });
        expect(await page.textContent('#session-status')).toBe(
          `Connected as ${issuer.demoUser.email}.`,
        );
        expect(await page.isVisible('#cancel')).toBe(false);
        expect(moves.count).toBe(0);
        expect(violations).toEqual([]);
        await Promise.all([page.waitForURL(`${server.url}/`), page.click('#reload')]);
        expect(await page.textContent('#connection')).toContain(issuer.demoUser.email);
        await Promise.all([page.waitForURL(`${server.url}/`), page.click('#disconnect')]);
      },
    );

    it('redirect flow: the browser goes to the issuer and comes back through /oob/callback connected', async () => {
      const page = await context.newPage();
      const violations = cspViolations(page);
      await signInTenant(page, server.url, 'globex', 'globex-demo');
      await page.check('#flow-redirect');
      await Promise.all([page.waitForURL(/\?session=/), page.click('#connect')]);
      await page.waitForSelector('#auth-link', { state: 'visible' });
      const callbacks: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/oob/callback/')) callbacks.push(request.url());
      });
      await page.click('#auth-link');
      await signInAtIssuer(page);
      await page.waitForURL(new RegExp(`^${server.url}/\\?session=`));
      expect(callbacks.length).toBe(1);
      expect(await page.textContent('#session-status')).toBe(
        `Connected as ${issuer.demoUser.email}.`,
      );
      expect(await page.textContent('#connection')).toContain(issuer.demoUser.email);
      expect(page.url()).not.toContain('code=');
      expect(violations).toEqual([]);
      await Promise.all([page.waitForURL(`${server.url}/`), page.click('#disconnect')]);
    });

    it('cancel: the login ends and the page says so', async () => {
      const page = await context.newPage();
      await signInTenant(page, server.url, 'acme', 'acme-demo');
      await page.check('#flow-device');
      await Promise.all([page.waitForURL(/\?session=/), page.click('#connect')]);
      await page.waitForSelector('#user-code:not(:empty)', { state: 'visible' });
      await Promise.all([page.waitForURL(/\?session=/), page.click('#cancel')]);
      await page.locator('#session-status', { hasText: 'cancelled' }).waitFor();
      expect(await page.textContent('#session-status')).toBe('Not connected: cancelled.');
      expect(await page.textContent('#connection')).toContain('No account connected');
    });
  },
);
