import { describe, expect, it } from 'vitest';
import { assertSecureEndpoint, isLoopbackHost } from './secure-endpoint.js';
import { InsecureEndpointError } from './transport-errors.js';

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['example.com', 'localhost.example.com', '128.0.0.1', '[::2]', '10.0.0.1', '0.0.0.0'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('assertSecureEndpoint', () => {
  it.each([
    'https://as.example/token',
    'http://127.0.0.1:8080/token',
    'http://localhost/token',
    'http://[::1]:9/token',
    'http://127.1/token',
  ])('accepts %s', (url) => {
    expect(assertSecureEndpoint(url)).toBeInstanceOf(URL);
  });

  it.each([
    'http://example.com/token',
    'http://10.0.0.1/token',
    'ftp://as.example/token',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    let caught: unknown;
    try {
      assertSecureEndpoint(url);
    } catch (error) {
      caught = error;
    }
    expect(InsecureEndpointError.isInstance(caught)).toBe(true);
  });

  it('accepts plain http anywhere only with allowInsecureHttp, and never other schemes', () => {
    expect(assertSecureEndpoint('http://example.com/t', { allowInsecureHttp: true }).host).toBe(
      'example.com',
    );
    expect(() => assertSecureEndpoint('ftp://example.com/t', { allowInsecureHttp: true })).toThrow(
      InsecureEndpointError,
    );
  });

  it('says where, without the query string', () => {
    expect.assertions(2);
    try {
      assertSecureEndpoint('http://example.com/token?secret=1');
    } catch (error) {
      expect((error as InsecureEndpointError).url).toBe('http://example.com/token');
      expect((error as Error).message).not.toContain('secret=1');
    }
  });

  it.each(['not a url', '/token', '', 'https://user:pw@as.example/token'])(
    'throws TypeError for %j',
    (url) => {
      expect(() => assertSecureEndpoint(url)).toThrow(TypeError);
    },
  );
});
