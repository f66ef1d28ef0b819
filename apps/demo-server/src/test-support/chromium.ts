import { approveAsDemoUser } from '@latch/test-support/chromium';
import type { Page } from 'playwright-core';

export { launchChromium } from '@latch/test-support/chromium';

/** Signs a demo tenant in on the server's sign-in page; ends on the tenant page. */
export async function signInTenant(page: Page, url: string, tenant: string, password: string) {
  await page.goto(url);
  await page.selectOption('#tenant', tenant);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('#sign-in')]);
}

/** The demo user on the issuer's sign-in and consent pages (`demo` / `demo`, Approve). */
export const signInAtIssuer = approveAsDemoUser;

/** Collects the console's CSP violation reports of a page. */
export function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}
