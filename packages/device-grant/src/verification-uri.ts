import {
  type AssertSecureEndpointOptions,
  InvalidResponseError,
  isLoopbackHost,
} from '@latch/core';
import { sanitizeForDisplay } from './display-text.js';
import { InsecureVerificationUriError } from './insecure-verification-uri-error.js';

/**
 * Options of {@link checkVerificationUri}.
 */
export interface CheckVerificationUriOptions extends AssertSecureEndpointOptions {
  /** The wire field being checked, named in errors. Default: `'verification_uri'`. */
  readonly field?: 'verification_uri' | 'verification_uri_complete' | undefined;
  /** The HTTP status of the response it came in, recorded on errors. Default: unknown. */
  readonly status?: number | undefined;
}

/**
 * Checks a verification URI from a device authorization response and returns it the way it
 * should be shown: as the server gave it, minus control and invisible format characters (see
 * {@link sanitizeForDisplay}). Pure.
 *
 * The shown text must parse as an absolute URL with scheme `https:` — or `http:` on a loopback
 * host (`localhost`, `127.0.0.0/8`, `[::1]`), or anywhere with `allowInsecureHttp` — and no user
 * name or password. A clear-text page on a remote host, where the user is about to sign in, is
 * refused as a phishing risk.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.2 | RFC 8628 §3.2}
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-5.4 | RFC 8628 §5.4}
 * @param value - The wire value (any JSON value).
 * @param options - The field name, the response status, `allowInsecureHttp`.
 * @returns The sanitised URI text, for display.
 * @throws `InvalidResponseError` when `value` is not a string holding an absolute URL.
 * @throws {@link InsecureVerificationUriError} for a scheme other than `https:` (or loopback
 *   `http:`), or a user name or password in the URL.
 * @example
 * ```ts
 * checkVerificationUri('https://as.example/device'); // 'https://as.example/device'
 * checkVerificationUri('http://127.0.0.1:4000/device'); // ok: loopback
 * checkVerificationUri('http://as.example/device'); // throws InsecureVerificationUriError
 * ```
 */
export function checkVerificationUri(
  value: unknown,
  options?: CheckVerificationUriOptions,
): string {
  const field = options?.field ?? 'verification_uri';
  const status = options?.status;
  const shown = typeof value === 'string' ? sanitizeForDisplay(value) : '';
  let url: URL;
  try {
    url = new URL(shown);
  } catch {
    const got = typeof value === 'string' ? 'a string that is not an absolute URL' : 'not a string';
    throw new InvalidResponseError(
      `The device authorization response's field ${field} is ${got}, expected an absolute https: URL. Report it to the server's operator; retrying will not help.`,
      { status, field },
    );
  }
  const origin = url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : url.protocol;
  const refuse = (why: string): never => {
    throw new InsecureVerificationUriError(
      `Refused to show the ${field} (${origin}): ${why}. Anyone could be asking you to sign in there; do not open it, and report it to the server's operator.`,
      { field, origin },
    );
  };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    refuse('only https: pages are shown');
  }
  if (url.username !== '' || url.password !== '') {
    refuse('the URL carries a user name or password, which can disguise the real host');
  }
  if (
    url.protocol === 'http:' &&
    options?.allowInsecureHttp !== true &&
    !isLoopbackHost(url.hostname)
  ) {
    refuse('it is plain http: on a remote host, so the sign-in page could be forged in transit');
  }
  return shown;
}
