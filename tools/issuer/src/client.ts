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
