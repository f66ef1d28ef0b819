import type { DriverFactory } from '@latch/auth-session';
import { readJwtClaims } from '@latch/core';
import { buildAuthorizationUrl, exchangeCode, validateCallback } from '@latch/loopback';
import { callbackUrlBuilder, type Pending } from '@latch/oob';
import { challenge, generateVerifier, newState } from '@latch/pkce';
import type { FlowDeps, LoginPendingData } from './flow-deps.js';
import { withPending } from './pending-driver.js';

/** The path callbacks come back to: `{base}/oob/callback/{pending id}`. */
export const CALLBACK_PATH = '/oob/callback';

/**
 * The redirect flow (RFC 6749 §4.1 with PKCE): the page links to the issuer's authorization
 * URL; the issuer sends the browser back to `/oob/callback/{pending id}` on any instance,
 * where {@link finishRedirect} exchanges the code. The driver itself only reports the URL and
 * waits for the session to end; the state, verifier and nonce live in the pending.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1 | RFC 6749 §4.1}
 * @see {@link https://www.rfc-editor.org/rfc/rfc7636#section-4 | RFC 7636 §4}
 * @param deps - The server's flow dependencies.
 * @returns The driver factory for the `redirect` provider.
 */
export function redirectFlow(deps: FlowDeps): DriverFactory {
  return withPending(
    deps,
    'redirect',
    'oauth_redirect',
    () => ({
      state: newState(),
      codeVerifier: generateVerifier(),
      nonce: newState(),
      callbackBase: deps.baseUrl(),
    }),
    async (context, created) => {
      const { data } = created.pending;
      const metadata = await deps.metadata(context.signal);
      if (metadata.authorizationEndpoint === undefined) {
        await context.report.fail('the issuer has no authorization endpoint');
        return { done: Promise.resolve() };
      }
      const authUrl = buildAuthorizationUrl(metadata.authorizationEndpoint, {
        clientId: deps.clientId,
        redirectUri: created.callbackUrl,
        codeChallenge: challenge(data.codeVerifier as string),
        state: data.state as string,
        nonce: data.nonce,
        scope: deps.scope,
      });
      await context.report.line('Open the issuer in your browser to sign in and approve.');
      await context.report.authUrl(authUrl);
      // The login goes on in the browser and ends on a callback, on any instance.
      const done = new Promise<void>((resolve) => {
        if (context.signal.aborted) resolve();
        else context.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return { done };
    },
  );
}

/** How a redirect ended. */
export type RedirectOutcome = 'connected' | 'refused' | 'ended';

/**
 * Finishes a redirect login whose pending was just taken (completed) from the store: checks
 * the callback (`state`, `iss`, RFC 9207), exchanges the code with the PKCE verifier, checks
 * the ID token's nonce, stores the tokens for the tenant and ends the session with success.
 * Any refusal fails the session with a short phrase; nothing secret goes anywhere.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2 | RFC 6749 §4.1.2}
 * @see {@link https://www.rfc-editor.org/rfc/rfc9207#section-2.4 | RFC 9207 §2.4}
 * @param deps - The server's flow dependencies.
 * @param pending - The pending (already completed, so no one else can redeem it).
 * @param params - The callback's query parameters.
 * @returns What happened.
 */
export async function finishRedirect(
  deps: FlowDeps,
  pending: Pending<LoginPendingData>,
  params: URLSearchParams,
): Promise<RedirectOutcome> {
  const { sessionId, state, codeVerifier, nonce, callbackBase } = pending.data;
  const sessions = deps.sessions();
  const fail = async (error: string): Promise<RedirectOutcome> => {
    await sessions.finishFailure(sessionId, error);
    return 'refused';
  };
  const current = await sessions.poll(sessionId);
  if (current === undefined || current.status === 'success' || current.status === 'failed') {
    return 'ended';
  }
  if (state === undefined || codeVerifier === undefined || callbackBase === undefined) {
    return fail('the login record is incomplete');
  }
  try {
    const metadata = await deps.metadata();
    const verdict = validateCallback(params, {
      state,
      expectedIssuer: metadata.issuer,
      issRequired: metadata.authorizationResponseIssParameterSupported === true,
    });
    if (verdict.outcome === 'error') {
      return fail(verdict.error.error === 'access_denied' ? 'access denied' : 'the issuer refused');
    }
    if (verdict.outcome === 'rejected') return fail('the callback was refused');
    let tokens: Awaited<ReturnType<typeof exchangeCode>>;
    try {
      tokens = await exchangeCode(metadata.tokenEndpoint, {
        code: verdict.callback.code,
        codeVerifier,
        // Built as the authorization request's was (oob's builder normalises the origin): the
        // issuer compares the two exactly.
        redirectUri: callbackUrlBuilder(callbackBase)(pending.id),
        client: { clientId: deps.clientId },
      });
    } catch {
      return fail('the code exchange failed');
    }
    const idClaims = tokens.idToken === undefined ? undefined : readJwtClaims(tokens.idToken);
    if (nonce !== undefined && idClaims !== undefined && idClaims.nonce !== nonce) {
      return fail('the ID token does not match this login');
    }
    const after = await sessions.poll(sessionId);
    if (after === undefined || after.status === 'success' || after.status === 'failed') {
      return 'ended';
    }
    const who = await deps.tokens.save(pending.namespace, tokens);
    await sessions.finishSuccess(sessionId, pending.namespace, { email: who });
    return 'connected';
  } catch (error) {
    // A store or discovery failure: the pending is spent, so end the login rather than
    // leave it waiting until its timeout.
    deps.onError(error);
    return fail('the login could not be finished');
  }
}
