import { type Browser, chromium, type Page } from 'playwright-core';

/** Headless Debian Chromium (`/usr/bin/chromium`; never a download). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The demo user's part, in the browser: the issuer's sign-in form, then Approve on the
 * consent page; resolves once the browser shows the CLI's result page.
 */
export async function signInAsDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.fill('#login input[name=username]', 'demo');
  await page.fill('#login input[name=password]', 'demo');
  await page.click('#login button[type=submit]');
  await page.click('#consent button[value=approve]');
  await page.waitForURL(/\/done\//);
}
