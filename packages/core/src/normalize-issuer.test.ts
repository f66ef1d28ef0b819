import { describe, expect, it } from 'vitest';
import { normalizeIssuer } from './normalize-issuer.js';

describe('normalizeIssuer', () => {
  it.each([
    // RFC 3986 §6.2.2.1: case of scheme, host and percent-encoding hex digits
    ['HTTPS://Example.COM/', 'https://example.com'],
    ['https://example.com/a%2fb%c3%a9', 'https://example.com/a%2Fb%C3%A9'],
    // RFC 3986 §6.2.2: the example of the section, on an https URI
    ['HTTPS://a/./b/../b/%63/%7bfoo%7d', 'https://a/b/c/%7Bfoo%7D'],
    // §6.2.2.2: percent-encoded unreserved characters are decoded
    ['https://example.com/%7Euser/%41%2D%2e%5F', 'https://example.com/~user/A-._'],
    // §6.2.2.3: dot segments removed
    ['https://example.com/a/b/c/./../../g', 'https://example.com/a/g'],
    ['https://example.com/a/%2E%2E/b', 'https://example.com/b'],
    // §6.2.3: default port, empty path and "/" are the same
    ['https://example.com', 'https://example.com'],
    ['https://example.com:443/', 'https://example.com'],
    ['HTTPS://Example.COM:443/', 'https://example.com'],
    ['http://example.com:/', 'http://example.com'],
    ['http://example.com:80/', 'http://example.com'],
    ['https://example.com:8443/', 'https://example.com:8443'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://[::1]:4000/', 'http://[::1]:4000'],
    // non-root paths are kept, trailing slash included (a different URI to RFC 3986)
    ['https://example.com/tenant', 'https://example.com/tenant'],
    ['https://example.com/tenant/', 'https://example.com/tenant/'],
    ['https://Example.com/Tenant/A', 'https://example.com/Tenant/A'],
    // IDN hosts become punycode
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeIssuer(input)).toBe(expected);
    expect(normalizeIssuer(expected)).toBe(expected);
  });

  it('accepts a URL object', () => {
    expect(normalizeIssuer(new URL('HTTPS://EXAMPLE.com:443'))).toBe('https://example.com');
  });

  it.each([
    'https://example.com/?',
    'https://example.com/?tenant=a',
    'https://example.com/#',
    'https://example.com/#frag',
    'example.com',
    '/tenant',
    '',
    'ftp://example.com',
    'urn:example:issuer',
    'https://user:pass@example.com',
    'https://',
  ])('refuses %j with a TypeError', (input) => {
    expect(() => normalizeIssuer(input)).toThrow(TypeError);
  });

  it('refuses non-strings with a TypeError', () => {
    expect(() => normalizeIssuer(42 as unknown as string)).toThrow(TypeError);
  });
});
