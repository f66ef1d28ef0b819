const PERCENT_ENCODED = /%([0-9a-fA-F]{2})/g;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * Puts an issuer identifier into one canonical string, so two spellings of the same issuer
 * compare equal. Pure.
 *
 * Applies RFC 3986 §6.2.2 syntax-based normalisation — lower-case scheme and host, upper-case
 * percent-encoding hex digits, decode percent-encoded unreserved characters, remove dot
 * segments — and §6.2.3 scheme-based normalisation: drop the default port, and treat an empty
 * path as `/`. The root path is written without its slash (`https://as.example`); any other
 * path is kept as it is, trailing slash included, since `/tenant/` and `/tenant` are different
 * URIs to RFC 3986. Internationalised host names become punycode (WHATWG URL).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc3986#section-6.2.2 | RFC 3986 §6.2.2}
 * @see {@link https://www.rfc-editor.org/rfc/rfc3986#section-6.2.3 | RFC 3986 §6.2.3}
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-2 | RFC 8414 §2} (issuer syntax)
 * @param input - An issuer identifier: an absolute `https:` (or `http:`) URL.
 * @returns The canonical form.
 * @throws TypeError when `input` is not an absolute http(s) URL, or has a query, a fragment,
 *   or a user name or password.
 * @example
 * ```ts
 * normalizeIssuer('HTTPS://Example.COM:443/'); // 'https://example.com'
 * normalizeIssuer('https://as.example/a/./b/../%7etenant'); // 'https://as.example/a/~tenant'
 * ```
 */
export function normalizeIssuer(input: string | URL): string {
  const text = input instanceof URL ? input.href : input;
  if (typeof text !== 'string') {
    throw new TypeError('An issuer identifier must be a string or URL');
  }
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new TypeError('An issuer identifier must be an absolute URL such as https://as.example');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('An issuer identifier must use the https scheme');
  }
  // WHATWG URL drops an empty "?" or "#", so look at the text itself.
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(text)) {
    throw new TypeError('An issuer identifier must not have a query or fragment (RFC 8414 §2)');
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('An issuer identifier must not carry a user name or password');
  }
  // WHATWG URL has lower-cased scheme and host, dropped the default port and removed dot
  // segments (also percent-encoded ones); what remains is the percent-encoding of the path.
  const path = url.pathname.replace(PERCENT_ENCODED, (_match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
  return `${url.protocol}//${url.host}${path === '/' ? '' : path}`;
}
