import { createHash } from 'node:crypto';
import { OAuthError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { PAGES } from './pages.js';
import { PAGE_HEADERS, renderPage } from './render-page.js';

describe('renderPage', () => {
  it('escapes every piece of text, so a hostile error_description stays text', () => {
    const html = renderPage(
      PAGES.failure(
        'demo <b>cli</b>',
        new OAuthError({
          error: 'access_denied',
          errorDescription: '<img src=x onerror=alert(1)>',
        }),
      ),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('demo &lt;b&gt;cli&lt;/b&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
  });

  it('sends a strict CSP whose only allowance is the hash of the inline style', () => {
    const csp = PAGE_HEADERS['content-security-policy'] ?? '';
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    const style = /<style>([\s\S]*?)<\/style>/.exec(renderPage(PAGES.success('x')))?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(PAGE_HEADERS).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(renderPage(PAGES.success('x'))).not.toMatch(/<script|src=/);
  });

  it('says nothing from the request on the pages for refused requests', () => {
    for (const page of [PAGES.rejected('state_mismatch'), PAGES.notFound(), PAGES.badRequest()]) {
      expect(page.detail).toBeUndefined();
    }
  });
});
