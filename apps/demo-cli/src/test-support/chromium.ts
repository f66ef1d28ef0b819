import { approveAsDemoUser } from '@latch/test-support/chromium';
import type { Page } from 'playwright-core';

export { launchChromium } from '@latch/test-support/chromium';

/**
 * The demo user's part, in the browser: the issuer's sign-in form, then Approve on the
 * consent page; resolves once the browser shows the CLI's result page.
 */
export async function signInAsDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await approveAsDemoUser(page);
  await page.waitForURL(/\/done\//);
}
