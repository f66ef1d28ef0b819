import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Sentinel token values put into response bodies; none may ever reach an error's text. */
export const SECRET = Object.freeze({
  accessToken: 'SENTINEL-ACCESS-TOKEN-5b8e1f',
  refreshToken: 'SENTINEL-REFRESH-TOKEN-93c2aa',
  idToken: 'SENTINEL-ID-TOKEN-7d41c0',
  clientSecret: 'SENTINEL-CLIENT-SECRET-e02f77',
});

/** Fails when any rendering of `error` contains a sentinel token. */
export function expectNoSecrets(
  error: unknown,
  secrets: readonly string[] = Object.values(SECRET),
): void {
  const renderings = [
    String(error),
    (error as Error).message,
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    (error as Error).stack ?? '',
  ];
  for (const text of renderings) {
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
    }
  }
}

/**
 * Awaits `action` (a promise, or a function that returns one or throws) and returns what it
 * threw or rejected with, failing if it did neither.
 */
export async function rejectionOf(action: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** A valid token response carrying the sentinel tokens. */
export const SECRET_TOKEN_BODY = JSON.stringify({
  access_token: SECRET.accessToken,
  token_type: 'Bearer',
  refresh_token: SECRET.refreshToken,
});
