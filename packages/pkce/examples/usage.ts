import { CODE_CHALLENGE_METHOD, challenge, generateVerifier, newState } from '@latch/pkce';

/** Builds an authorization URL with a fresh PKCE pair and state (RFC 7636 §4.3). */
export function authorizationUrl(
  authorizationEndpoint: string,
  clientId: string,
  redirectUri: string,
) {
  const verifier = generateVerifier(); // keep it: the token request sends it (§4.5)
  const state = newState(); // compare it with the callback's state
  const url = new URL(authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: challenge(verifier),
    code_challenge_method: CODE_CHALLENGE_METHOD, // always S256
    state,
  }).toString();
  return { url: url.toString(), verifier, state };
}
