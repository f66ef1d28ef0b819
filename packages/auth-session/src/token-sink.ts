import { LatchError, readJwtClaims, type TokenSet } from '@latch/core';
import type { DriverContext } from './driver.js';

/**
 * What a {@link TokenSink} is told besides the tokens.
 */
export interface TokenSinkContext {
  /** The session id. */
  readonly sessionId: string;
  /** The provider id. */
  readonly providerId: string;
  /** The bundle the caller asked to log in into, if any. */
  readonly intoBundleId?: string | undefined;
  /** The `email` claim of the ID token, when there is one (unverified). */
  readonly email?: string | undefined;
}

/**
 * Receives the tokens of an in-process login and stores them (a token store, an encrypted
 * bundle row…); returns the id of the bundle they went to. The session state never holds the
 * tokens: this is the only place they go.
 */
export type TokenSink = (tokens: TokenSet, context: TokenSinkContext) => string | Promise<string>;

/**
 * Hands a login's tokens to the sink and ends the session with success (or with
 * `could not store the tokens`). Nothing happens when the session already ended.
 *
 * @internal
 */
export async function deliverTokens(
  tokens: TokenSet,
  onTokens: TokenSink,
  context: DriverContext,
): Promise<void> {
  const email = emailOf(tokens);
  if (email !== undefined) await context.report.account(email);
  if (context.signal.aborted) return;
  let bundleId: unknown;
  try {
    bundleId = await onTokens(tokens, {
      sessionId: context.sessionId,
      providerId: context.providerId,
      intoBundleId: context.intoBundleId,
      email,
    });
  } catch {
    bundleId = undefined;
  }
  if (typeof bundleId !== 'string' || bundleId === '') {
    await context.report.fail('could not store the tokens');
    return;
  }
  await context.report.succeed(bundleId);
}

/**
 * Ends the session after an in-process login failed: a transcript line with the error's
 * message when it is a latch error (whose messages never hold secrets), and a short status.
 * Nothing happens when the session already ended (the failure is the abort).
 *
 * @internal
 */
export async function reportLoginFailure(error: unknown, context: DriverContext): Promise<void> {
  if (context.signal.aborted) return;
  const latch = LatchError.isInstance(error) ? error : undefined;
  await context.report.line(latch === undefined ? 'The login failed.' : latch.message);
  await context.report.fail(shortFailure(latch?.code));
}

function shortFailure(code: string | undefined): string {
  switch (code) {
    case undefined:
      return 'login failed';
    case 'access_denied':
      return 'access denied';
    case 'expired_token':
      return 'the code expired';
    case 'login_timeout':
      return 'timed out waiting for the browser';
    default:
      return `login failed (${code})`;
  }
}

function emailOf(tokens: TokenSet): string | undefined {
  const claims = tokens.idToken === undefined ? undefined : readJwtClaims(tokens.idToken);
  const email = claims?.email;
  return typeof email === 'string' && email !== '' ? email : undefined;
}

/**
 * Checks the `onTokens` option of an in-process driver.
 *
 * @throws TypeError when it is not a function.
 * @internal
 */
export function checkTokenSink(options: { readonly onTokens?: unknown }, caller: string): void {
  if (typeof options?.onTokens !== 'function') {
    throw new TypeError(`${caller}: options.onTokens must be a function`);
  }
}
