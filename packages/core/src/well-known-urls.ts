import { normalizeIssuer } from './normalize-issuer.js';

/**
 * The metadata locations of an issuer, in the order latch tries them. Pure.
 *
 * 1. RFC 8414 §3.1: `/.well-known/oauth-authorization-server` inserted between the host and the
 *    issuer's path (any terminating `/` of the path removed first).
 * 2. OpenID Connect Discovery §4: `/.well-known/openid-configuration` appended to the issuer
 *    (any terminating `/` removed first).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-3.1 | RFC 8414 §3.1}
 * @see {@link https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationRequest | OpenID Connect Discovery 1.0 §4.1}
 * @param issuer - The issuer identifier.
 * @returns The two URLs, RFC 8414's first.
 * @throws TypeError when `issuer` is not a valid issuer identifier (see {@link normalizeIssuer}).
 * @example
 * ```ts
 * wellKnownMetadataUrls('https://as.example/tenant');
 * // ['https://as.example/.well-known/oauth-authorization-server/tenant',
 * //  'https://as.example/tenant/.well-known/openid-configuration']
 * ```
 */
export function wellKnownMetadataUrls(issuer: string | URL): readonly [string, string] {
  const url = new URL(normalizeIssuer(issuer));
  const origin = url.origin;
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return [
    `${origin}/.well-known/oauth-authorization-server${path}`,
    `${origin}${path}/.well-known/openid-configuration`,
  ];
}
