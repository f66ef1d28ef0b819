import { createHash } from 'node:crypto';
import { escapeHtml } from './escape-html.js';

/** What a page of the loopback server says; every field is plain text and gets escaped. */
export interface PageContent {
  /** The heading and `<title>`. */
  readonly title: string;
  /** The main sentence. */
  readonly message: string;
  /** A second paragraph, e.g. the server's `error_description`. Default: none. */
  readonly detail?: string | undefined;
}

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color:#1b1b1b}h1{font-size:1.4rem;font-weight:500}.detail{color:#555;white-space:pre-wrap;overflow-wrap:anywhere}';

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/**
 * The headers of every page the loopback server sends: a CSP that allows nothing but the
 * page's own inline style (by hash), no sniffing, no referrer (the page's URL never leaks to
 * another site), no caching, no framing.
 *
 * @internal
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
});

/**
 * Renders a complete HTML page. Pure; every piece of text is escaped, so a hostile
 * `error_description` comes out as text.
 *
 * @param content - The title, message and optional detail.
 * @returns The HTML document.
 * @internal
 */
export function renderPage(content: PageContent): string {
  const detail =
    content.detail === undefined || content.detail === ''
      ? ''
      : `\n<p class="detail">${escapeHtml(content.detail)}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(content.title)}</h1>
<p>${escapeHtml(content.message)}</p>${detail}
</main>
</body>
</html>
`;
}
