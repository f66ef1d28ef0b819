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

/** Signs a demo tenant in on the server's sign-in page; ends on the tenant page. */
export async function signInTenant(page: Page, url: string, tenant: string, password: string) {
  await page.goto(url);
  await page.selectOption('#tenant', tenant);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('#sign-in')]);
}

/** The demo user on the issuer's sign-in and consent pages (`demo` / `demo`, Approve). */
export async function signInAtIssuer(page: Page): Promise<void> {
  await page.fill('#login input[name=username]', 'demo');
  await page.fill('#login input[name=password]', 'demo');
  await page.click('#login button[type=submit]');
  await page.click('#consent button[value=approve]');
}

/** Collects the console's CSP violation reports of a page. */
export function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}
