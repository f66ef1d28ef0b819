import type { ClientMetadata } from 'oidc-provider';
import { DEVICE_CODE_GRANT_TYPE, TOKEN_EXCHANGE_GRANT_TYPE } from './grant-types.js';

/** The client id of the one registered client, latch's CLI. */
export const CLIENT_ID = 'latch-cli';

/**
 * The redirect URIs registered for the CLI. RFC 8252 §7.3: for loopback IP redirect URIs the
 * authorization server MUST allow any port at request time, so a CLI can listen on an
 * ephemeral port; oidc-provider does this for `native` clients. `localhost` is deliberately
 * absent (RFC 8252 §8.3 recommends the IP literals).
 */
export const CLIENT_REDIRECT_URIS = Object.freeze([
  'http://127.0.0.1/callback',
  'http://[::1]/callback',
]);

/**
 * The static registration of `latch-cli`: a public (`token_endpoint_auth_method: none`) native
 * client allowed the code, refresh, device and token-exchange grants.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-8.4
 */
export function latchCliClient(): ClientMetadata {
  return {
    client_id: CLIENT_ID,
    client_name: 'latch CLI',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: [
      'authorization_code',
      'refresh_token',
      DEVICE_CODE_GRANT_TYPE,
      TOKEN_EXCHANGE_GRANT_TYPE,
    ],
    response_types: ['code'],
    redirect_uris: [...CLIENT_REDIRECT_URIS],
  };
}

/** The client id of the second registered client, latch's demo server (`apps/demo-server`). */
export const SERVER_CLIENT_ID = 'latch-server';

/**
 * The redirect URI registered for the server, as a pattern: `http://127.0.0.1:<any port>` then
 * `/oob/callback/<id>`, where `<id>` is an out-of-band pending id (22–128 base64url
 * characters, as `@latch/oob` makes them). Nothing else: no query, no fragment, no other host.
 */
export const SERVER_REDIRECT_URI_PATTERN =
  /^http:\/\/127\.0\.0\.1(?::(?<port>[1-9]\d{0,4}))?\/oob\/callback\/[A-Za-z0-9_-]{22,128}$/;

/**
 * Whether `value` is a redirect URI the server client may use: each login of a multi-tenant
 * server has its own callback path (`/oob/callback/<pending id>`), so no fixed list can
 * register them; the pattern keeps them on loopback and under that one path.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.2
 */
export function isServerRedirectUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = SERVER_REDIRECT_URI_PATTERN.exec(value);
  if (match === null) return false;
  const port = match.groups?.port;
  return port === undefined || Number(port) <= 65_535;
}

/**
 * The static registration of `latch-server`: like `latch-cli` a public client (PKCE is
 * required of every request) with the code, refresh, device and token-exchange grants, whose
 * redirect URIs are the loopback callbacks of {@link isServerRedirectUri}. The one URI listed
 * here is only the registration's placeholder; the check is the pattern.
 */
export function latchServerClient(): ClientMetadata {
  return {
    client_id: SERVER_CLIENT_ID,
    client_name: 'latch demo server',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: [
      'authorization_code',
      'refresh_token',
      DEVICE_CODE_GRANT_TYPE,
      TOKEN_EXCHANGE_GRANT_TYPE,
    ],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/oob/callback'],
  };
}
