import { createHash, randomBytes } from 'node:crypto';
import type { Issuer } from '../start-issuer.js';

/** A PKCE verifier and its S256 challenge (RFC 7636 §4.1–4.2). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A loopback redirect URI on a port nothing registered (RFC 8252 §7.3). */
export function loopbackRedirect(host: '127.0.0.1' | '[::1]' = '127.0.0.1'): string {
  const port = 20_000 + Math.floor(Math.random() * 40_000);
  return `http://${host}:${port}/callback`;
}

/** Builds an authorization request URL for latch-cli; `null` leaves a parameter out. */
export function authorizationUrl(
  issuer: Issuer,
  params: Record<string, string | null> = {},
): { url: string; verifier: string; state: string; redirectUri: string } {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(8).toString('hex');
  const redirectUri = params.redirect_uri ?? loopbackRedirect();
  const all: Record<string, string | null> = {
    client_id: issuer.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access api:read',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...params,
  };
  const url = new URL('/auth', issuer.url);
  for (const [key, value] of Object.entries(all)) {
    if (value !== null) url.searchParams.set(key, value);
  }
  return { url: url.href, verifier, state, redirectUri };
}

/** A token endpoint answer: status and parsed JSON body. */
export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** POSTs a form to one of the issuer's endpoints (default: the token endpoint). */
export async function postForm(
  issuer: Issuer,
  params: Record<string, string | readonly string[]>,
  path = '/token',
): Promise<TokenAnswer> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of typeof value === 'string' ? [value] : value) body.append(key, item);
  }
  const response = await fetch(new URL(path, issuer.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: response.headers,
  };
}

/** The query parameters of a redirect URL. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

/** Decodes a JWT's payload without verifying it (tests only). */
export function jwtPayload(token: unknown): Record<string, unknown> {
  if (typeof token !== 'string') throw new TypeError('not a JWT');
  const payload = token.split('.')[1];
  if (payload === undefined) throw new TypeError('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Signs in through `authorize()` and redeems the code: a full code + PKCE login. */
export async function login(
  issuer: Issuer,
  params: Record<string, string | null> = {},
): Promise<Record<string, unknown>> {
  const request = authorizationUrl(issuer, params);
  const redirect = await issuer.authorize(request.url);
  const { code } = queryOf(redirect);
  if (code === undefined) throw new Error(`no code in ${redirect}`);
  const answer = await postForm(issuer, {
    grant_type: 'authorization_code',
    client_id: issuer.clientId,
    code,
    redirect_uri: request.redirectUri,
    code_verifier: request.verifier,
  });
  if (answer.status !== 200)
    throw new Error(`token request failed: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
