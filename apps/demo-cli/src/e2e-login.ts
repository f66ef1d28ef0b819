import {
  type AuthorizationServerMetadata,
  discoverIssuer,
  readJwtClaims,
  requestToken,
  type TokenSet,
} from '@latch/core';
import type { Issuer } from '@latch/issuer';
import { CODE_CHALLENGE_METHOD, challenge, generateVerifier, newState } from '@latch/pkce';
import { describeSecret } from './redact.js';

/** What the end-to-end login prints to, one line at a time. */
export type Print = (line: string) => void;

/** What the end-to-end login got, for its callers and tests. */
export interface E2eLoginResult {
  /** The discovered metadata. */
  readonly metadata: AuthorizationServerMetadata;
  /** The tokens from the authorization code grant. */
  readonly login: TokenSet;
  /** The tokens after one refresh. */
  readonly refreshed: TokenSet;
}

/**
 * Runs the end-to-end login against an issuer: discovery, an authorization code request with
 * PKCE and `state`, the demo user completing it on the issuer's own pages, the code exchange,
 * and one refresh. Token values are never printed.
 */
export async function runE2eLogin(issuer: Issuer, print: Print): Promise<E2eLoginResult> {
  const metadata = await discoverIssuer(issuer.url);
  print(`discovered ${metadata.issuer}`);
  print(`  token endpoint         ${metadata.tokenEndpoint}`);
  const authorizationEndpoint = metadata.authorizationEndpoint;
  if (!authorizationEndpoint) throw new Error('the issuer advertises no authorization endpoint');

  const verifier = generateVerifier();
  const state = newState();
  // No listener yet: the issuer accepts any port on the loopback redirect (RFC 8252 §7.3),
  // and the demo user's agent hands back the redirect instead of following it.
  const redirectUri = 'http://127.0.0.1:8976/callback';
  const authorizationUrl = new URL(authorizationEndpoint);
  authorizationUrl.search = new URLSearchParams({
    response_type: 'code',
    client_id: issuer.clientId,
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access api:read',
    code_challenge: challenge(verifier),
    code_challenge_method: CODE_CHALLENGE_METHOD,
    state,
  }).toString();
  print(`authorization request  ${authorizationEndpoint} (PKCE ${CODE_CHALLENGE_METHOD}, state)`);

  print(`signing in as "${issuer.demoUser.username}" on the issuer's pages…`);
  const callback = new URL(await issuer.authorize(authorizationUrl.toString()));
  const returned = callback.searchParams;
  if (returned.get('state') !== state) throw new Error('the callback state does not match');
  if (
    metadata.authorizationResponseIssParameterSupported &&
    returned.get('iss') !== metadata.issuer
  ) {
    throw new Error('the callback iss does not match the issuer (RFC 9207)');
  }
  const error = returned.get('error');
  if (error) throw new Error(`the authorization was refused: ${error}`);
  const code = returned.get('code');
  if (!code) throw new Error('the callback carries no code');
  print('callback               state and iss checked');

  const client = { clientId: issuer.clientId };
  const login = await requestToken(
    metadata.tokenEndpoint,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
    { client },
  );
  printTokens(print, 'logged in', login);

  if (!login.refreshToken) throw new Error('the issuer issued no refresh token');
  const refreshed = await requestToken(
    metadata.tokenEndpoint,
    { grant_type: 'refresh_token', refresh_token: login.refreshToken },
    { client },
  );
  printTokens(print, 'refreshed', refreshed);
  print(`  refresh token rotated  ${refreshed.refreshToken !== login.refreshToken ? 'yes' : 'no'}`);
  print(
    `grants served          authorization_code ${issuer.grants.count('authorization_code')}, refresh_token ${issuer.grants.count('refresh_token')}`,
  );
  return { metadata, login, refreshed };
}

function printTokens(print: Print, title: string, tokens: TokenSet): void {
  const claims = readJwtClaims(tokens.accessToken);
  const audience = claims?.aud === undefined ? 'opaque' : [claims.aud].flat().join(' ');
  const idClaims = tokens.idToken === undefined ? undefined : readJwtClaims(tokens.idToken);
  print(title);
  print(`  access token           ${describeSecret(tokens.tokenType, tokens.accessToken)}`);
  print(`  audience               ${audience}`);
  if (tokens.expiresAt !== undefined) {
    print(`  expires                ${new Date(tokens.expiresAt).toISOString()}`);
  }
  print(`  scope                  ${tokens.scope || '(none)'}`);
  print(`  refresh token          ${describeSecret('refresh token', tokens.refreshToken)}`);
  if (idClaims?.sub !== undefined) {
    const email = typeof idClaims.email === 'string' ? ` <${idClaims.email}>` : '';
    print(`  signed in as           ${idClaims.sub}${email}`);
  }
}
