import { OAuthError } from '@latch/core';
import { expectNoSecrets } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { CallbackRejectedError } from './callback-rejected-error.js';
import { parseCallbackUrl } from './parse-callback-url.js';

const STATE = 'st-71aa';
const CODE = 'SENTINEL-CODE-0b7e';
const REDIRECT = 'http://127.0.0.1:53123/callback';

function reasonOf(pasted: string, redirectUri: string | undefined = REDIRECT) {
  try {
    parseCallbackUrl(pasted, { state: STATE, redirectUri });
  } catch (error) {
    if (CallbackRejectedError.isInstance(error)) {
      expectNoSecrets(error, [CODE, STATE]);
      return error.reason;
    }
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseCallbackUrl', () => {
  it('returns the code of a pasted redirect URL, ignoring surrounding white space', () => {
    expect(
      parseCallbackUrl(`  ${REDIRECT}?code=${CODE}&state=${STATE}\n`, { state: STATE }),
    ).toEqual({
      code: CODE,
      state: STATE,
    });
  });

  it('applies the same state and iss checks as the server', () => {
    expect(reasonOf(`${REDIRECT}?code=${CODE}&state=other`)).toBe('state_mismatch');
    expect(reasonOf(`${REDIRECT}?code=${CODE}`)).toBe('missing_state');
    expect(() =>
      parseCallbackUrl(`${REDIRECT}?code=${CODE}&state=${STATE}&iss=https://evil.example`, {
        state: STATE,
        expectedIssuer: 'https://as.example',
      }),
    ).toThrow(CallbackRejectedError);
  });

  it('refuses text that is not a URL, or a URL for another redirect', () => {
    expect(reasonOf('not a url')).toBe('malformed');
    expect(reasonOf(`http://127.0.0.1:1/callback?code=${CODE}&state=${STATE}`)).toBe(
      'wrong_redirect',
    );
    expect(reasonOf(`http://127.0.0.1:53123/other?code=${CODE}&state=${STATE}`)).toBe(
      'wrong_redirect',
    );
    expect(reasonOf(`${REDIRECT}?code=%zz&state=${STATE}`)).toBe('malformed');
  });

  it("throws the server's OAuthError for this login's error response", () => {
    let caught: unknown;
    try {
      parseCallbackUrl(`${REDIRECT}?error=access_denied&state=${STATE}`, { state: STATE });
    } catch (error) {
      caught = error;
    }
    expect(OAuthError.isInstance(caught)).toBe(true);
    expect((caught as OAuthError).error).toBe('access_denied');
  });

  it('throws TypeError for a bad redirectUri', () => {
    expect(() => parseCallbackUrl(REDIRECT, { state: STATE, redirectUri: 'nope' })).toThrow(
      TypeError,
    );
  });
});
