import { describeUrl } from './server-text.js';
import { InsecureEndpointError } from './transport-errors.js';

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Options of {@link assertSecureEndpoint}.
 */
export interface AssertSecureEndpointOptions {
  /**
   * Allow plain `http:` to any host, not only loopback ones. For development against a local
   * server under another name only; tokens then cross the network in clear text.
   * Default: `false`.
   */
  readonly allowInsecureHttp?: boolean | undefined;
}

/**
 * Tells whether a URL host names this machine's loopback interface: `localhost`,
 * `127.0.0.0/8` or `[::1]`, as serialised by WHATWG `URL#hostname`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-8.3 | RFC 8252 §8.3}
 * @param hostname - A `URL#hostname` (IPv6 in brackets).
 * @returns `true` for a loopback host.
 * @example
 * ```ts
 * isLoopbackHost(new URL('http://127.0.0.1:8080/').hostname); // true
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || IPV4_LOOPBACK.test(host);
}

/**
 * Parses an endpoint URL and refuses any that would send a request in clear text over the
 * network: the scheme must be `https:`, or `http:` on a loopback host (or anywhere with
 * `allowInsecureHttp`). Pure: it is what latch runs before opening any connection.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-3.2 | RFC 6749 §3.2} (TLS MUST)
 * @param url - An absolute URL.
 * @param options - Whether to allow plain `http:` to non-loopback hosts.
 * @returns The parsed URL.
 * @throws TypeError when `url` is not an absolute URL, or carries a user name or password.
 * @throws {@link InsecureEndpointError} for a scheme other than `https:`/`http:`, or `http:` to
 *   a non-loopback host without `allowInsecureHttp`.
 * @example
 * ```ts
 * assertSecureEndpoint('http://127.0.0.1:4000/token'); // ok: loopback
 * assertSecureEndpoint('http://example.com/token'); // throws InsecureEndpointError
 * ```
 */
export function assertSecureEndpoint(
  url: string | URL,
  options?: AssertSecureEndpointOptions,
): URL {
  const parsed = parseAbsoluteUrl(url);
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError(
      'Endpoint URLs must not carry a user name or password; pass client credentials in options.',
    );
  }
  const where = describeUrl(parsed);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InsecureEndpointError(
      `Refused to send a request to ${where}: only https: endpoints are supported. Use the server's https: URL.`,
      { url: where },
    );
  }
  if (
    parsed.protocol === 'http:' &&
    options?.allowInsecureHttp !== true &&
    !isLoopbackHost(parsed.hostname)
  ) {
    throw new InsecureEndpointError(
      `Refused to send a request to ${where} over plain http: OAuth requires TLS. Use the server's https: URL (plain http is allowed only for loopback hosts, or with allowInsecureHttp for development).`,
      { url: where },
    );
  }
  return parsed;
}

function parseAbsoluteUrl(url: string | URL): URL {
  if (url instanceof URL) return new URL(url.href);
  if (typeof url !== 'string') {
    throw new TypeError('Expected an endpoint URL as a string or URL');
  }
  try {
    return new URL(url);
  } catch {
    throw new TypeError('Expected an absolute endpoint URL (such as https://as.example/token)');
  }
}
