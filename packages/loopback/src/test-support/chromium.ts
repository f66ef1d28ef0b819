import { type Browser, chromium, type Page, type Response } from 'playwright-core';

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
 * The demo user's part, in the browser: the issuer's sign-in form (`username`, `password`),
 * then Approve on the consent page. Resolves once the browser has left the issuer.
 */
export async function signInAsDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.fill('#login input[name=username]', 'demo');
  await page.fill('#login input[name=password]', 'demo');
  await page.click('#login button[type=submit]');
  await page.click('#consent button[value=approve]');
}

/** Records every main-frame document response of a page, for header checks. */
export function recordDocuments(page: Page): Response[] {
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') responses.push(response);
  });
  return responses;
}
