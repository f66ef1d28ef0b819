import { DiscoveryError } from './discovery-errors.js';
import { getJson } from './get-json.js';
import type { HttpOptions } from './http-options.js';
import { normalizeIssuer } from './normalize-issuer.js';
import { OAuthError } from './oauth-error.js';
import { parseServerMetadata } from './parse-server-metadata.js';
import { HttpStatusError, InvalidResponseError } from './response-errors.js';
import type { AuthorizationServerMetadata } from './server-metadata.js';
import { wellKnownMetadataUrls } from './well-known-urls.js';

/**
 * Options of {@link discoverIssuer}: the shared {@link HttpOptions}, applied to each attempt
 * (`allowInsecureHttp` also to the endpoints the document lists).
 */
export interface DiscoverIssuerOptions extends HttpOptions {}

/**
 * Fetches and checks an issuer's authorization server metadata.
 *
 * Tries the RFC 8414 location first, then the OpenID Connect one (see
 * {@link wellKnownMetadataUrls}). It moves on to the next location only when one answers 4xx
 * (other than 429) or something that is not JSON; any other failure — a timeout, a 5xx, an
 * invalid document, and above all a document naming another issuer — ends discovery, so a
 * document for another issuer is never used.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-3 | RFC 8414 §3}
 * @see {@link https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig | OpenID Connect Discovery 1.0 §4}
 * @param issuer - The issuer identifier, e.g. `https://as.example` or `https://as.example/tenant`.
 * @param options - Timeout, size cap, signal, transport, clock, `allowInsecureHttp`.
 * @returns The checked metadata.
 * @throws TypeError when `issuer` is not a valid issuer identifier.
 * @throws {@link DiscoveryError} when no location served metadata.
 * @throws {@link IssuerMismatchError} when a document names another issuer.
 * @throws {@link InvalidResponseError} or {@link InsecureEndpointError} for a bad document, and
 *   whatever {@link getJson} throws for other failures.
 * @example
 * ```ts
 * const metadata = await discoverIssuer('https://as.example');
 * console.log(metadata.tokenEndpoint);
 * ```
 */
export async function discoverIssuer(
  issuer: string | URL,
  options?: DiscoverIssuerOptions,
): Promise<AuthorizationServerMetadata> {
  const expected = normalizeIssuer(issuer);
  const attempts: string[] = [];
  let lastError: unknown;
  for (const url of wellKnownMetadataUrls(expected)) {
    attempts.push(url);
    let body: unknown;
    try {
      ({ body } = await getJson(url, options));
    } catch (error) {
      if (!isNotThere(error)) throw error;
      lastError = error;
      continue;
    }
    return parseServerMetadata(body, expected, options);
  }
  throw new DiscoveryError(
    `No authorization server metadata found for issuer ${expected} (tried ${attempts.join(' and ')}). Check the issuer URL.`,
    { attempts, cause: lastError },
  );
}

function isNotThere(error: unknown): boolean {
  if (InvalidResponseError.isInstance(error)) return true;
  if (HttpStatusError.isInstance(error) || OAuthError.isInstance(error)) {
    const status = error.status ?? 0;
    return status >= 400 && status < 500 && status !== 429;
  }
  return false;
}
