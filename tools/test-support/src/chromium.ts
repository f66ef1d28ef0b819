import { type Browser, chromium, type Page } from 'playwright-core';

/** Headless Debian Chromium (`/usr/bin/chromium`, installed by `pnpm peers`; never a download). */
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
 * The embedded issuer's demo user on the page it shows now: its sign-in form (`demo` / `demo`),
 * then Approve on the consent page.
 */
export async function approveAsDemoUser(page: Page): Promise<void> {
  await page.fill('#login input[name=username]', 'demo');
  await page.fill('#login input[name=password]', 'demo');
  await page.click('#login button[type=submit]');
  await page.click('#consent button[value=approve]');
}
