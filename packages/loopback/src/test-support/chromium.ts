import { approveAsDemoUser } from '@latch/test-support/chromium';
import type { Page, Response } from 'playwright-core';

export { launchChromium } from '@latch/test-support/chromium';

/**
 * The demo user's part, in the browser: the issuer's sign-in form (`username`, `password`),
 * then Approve on the consent page. Resolves once the browser has left the issuer.
 */
export async function signInAsDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await approveAsDemoUser(page);
}

/** Records every main-frame document response of a page, for header checks. */
export function recordDocuments(page: Page): Response[] {
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') responses.push(response);
  });
  return responses;
}
