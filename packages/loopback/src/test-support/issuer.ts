import type { Issuer } from '@latch/issuer';
import { challenge, generateVerifier, newState } from '@latch/pkce';
import { buildAuthorizationUrl } from '../build-authorization-url.js';

/** A code from the embedded issuer, as its demo user approves a request for `redirectUri`. */
export async function issuerCode(issuer: Issuer, redirectUri = 'http://127.0.0.1:50999/callback') {
  const verifier = generateVerifier();
  const state = newState();
  const url = buildAuthorizationUrl(`${issuer.url}/auth`, {
    clientId: issuer.clientId,
    redirectUri,
    codeChallenge: challenge(verifier),
    state,
    scope: 'openid offline_access api:read',
  });
  const redirect = new URL(await issuer.authorize(url));
  return { code: redirect.searchParams.get('code') ?? '', verifier, state, redirectUri };
}

/** Every token request the issuer answered for the code grant, successful or not. */
export function codeGrantCalls(issuer: Issuer): number {
  return issuer.grants.count('authorization_code') + issuer.grants.failures('authorization_code');
}
