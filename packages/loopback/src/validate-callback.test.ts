import { OAuthError } from '@latch/core';
import { expectNoSecrets } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { CallbackRejectedError } from './callback-rejected-error.js';
import { validateCallback } from './validate-callback.js';

const STATE = 'state-9f2c1e';
const ISSUER = 'https://as.example';
const CODE = 'SENTINEL-CODE-4d1e77';

function verdict(
  query: string,
  expected: Parameters<typeof validateCallback>[1] = { state: STATE },
) {
  return validateCallback(new URLSearchParams(query), expected);
}

function reason(query: string, expected?: Parameters<typeof validateCallback>[1]) {
  const result = verdict(query, expected);
  if (result.outcome !== 'rejected') throw new Error(`expected a rejection, got ${result.outcome}`);
  return result.error.reason;
}

describe('validateCallback', () => {
  it('accepts a code with the right state, and keeps iss when present', () => {
    expect(verdict(`code=${CODE}&state=${STATE}`)).toEqual({
      outcome: 'code',
      callback: { code: CODE, state: STATE },
    });
    expect(
      verdict(`code=${CODE}&state=${STATE}&iss=${ISSUER}`, {
        state: STATE,
        expectedIssuer: ISSUER,
        issRequired: true,
      }),
    ).toEqual({ outcome: 'code', callback: { code: CODE, state: STATE, iss: ISSUER } });
  });

  it('refuses a missing, wrong, empty or duplicated state', () => {
    expect(reason(`code=${CODE}`)).toBe('missing_state');
    expect(reason(`code=${CODE}&state=other`)).toBe('state_mismatch');
    expect(reason(`code=${CODE}&state=`)).toBe('state_mismatch');
    expect(reason(`code=${CODE}&state=${STATE}x`)).toBe('state_mismatch');
    expect(reason(`code=${CODE}&state=${STATE}&state=${STATE}`)).toBe('duplicate_parameter');
  });

  it('refuses duplicated code, error or iss parameters, naming the parameter only', () => {
    const result = verdict(`code=${CODE}&code=${CODE}&state=${STATE}`);
    expect(result.outcome).toBe('rejected');
    if (result.outcome !== 'rejected') return;
    expect(result.error.parameter).toBe('code');
    expectNoSecrets(result.error, [CODE, STATE]);
    expect(reason(`error=a&error=b&state=${STATE}`)).toBe('duplicate_parameter');
    expect(reason(`code=c&state=${STATE}&iss=${ISSUER}&iss=${ISSUER}`)).toBe('duplicate_parameter');
  });

  it('ends the login with an OAuthError only for an error with the right state', () => {
    const result = verdict(
      `error=access_denied&error_description=${encodeURIComponent('User said no')}&error_uri=https://as.example/e&state=${STATE}`,
    );
    expect(result.outcome).toBe('error');
    if (result.outcome !== 'error') return;
    expect(OAuthError.isInstance(result.error)).toBe(true);
    expect(result.error).toMatchObject({
      error: 'access_denied',
      errorDescription: 'User said no',
      errorUri: 'https://as.example/e',
    });
    expect(reason('error=access_denied')).toBe('missing_state');
    expect(reason('error=access_denied&state=forged')).toBe('state_mismatch');
  });

  it('refuses a code together with an error, and a callback with neither', () => {
    expect(reason(`code=${CODE}&error=access_denied&state=${STATE}`)).toBe('code_and_error');
    expect(reason(`state=${STATE}`)).toBe('missing_code');
    expect(reason(`code=&state=${STATE}`)).toBe('missing_code');
  });

  it('compares iss whenever present, and requires it when the issuer advertises it', () => {
    const known = { state: STATE, expectedIssuer: ISSUER };
    expect(reason(`code=c&state=${STATE}&iss=https://evil.example`, known)).toBe('iss_mismatch');
    expect(reason(`code=c&state=${STATE}&iss=${ISSUER}/`, known)).toBe('iss_mismatch');
    expect(verdict(`code=c&state=${STATE}`, known).outcome).toBe('code');
    expect(reason(`code=c&state=${STATE}`, { ...known, issRequired: true })).toBe('missing_iss');
    // A wrong iss also stops an error response from ending the login (mix-up defence).
    expect(reason(`error=access_denied&state=${STATE}&iss=https://evil.example`, known)).toBe(
      'iss_mismatch',
    );
  });

  it('throws TypeError for a bad expectation', () => {
    expect(() => validateCallback(new URLSearchParams(), { state: '' })).toThrow(TypeError);
    expect(() =>
      validateCallback(new URLSearchParams(), { state: STATE, issRequired: true }),
    ).toThrow(TypeError);
  });

  it('gives rejections a stable code and a cross-copy isInstance', () => {
    const error = new CallbackRejectedError({ reason: 'state_mismatch' });
    expect(error.code).toBe('callback_rejected');
    expect(CallbackRejectedError.isInstance(error)).toBe(true);
    expect(CallbackRejectedError.isInstance(new Error('x'))).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: 'callback_rejected',
      reason: 'state_mismatch',
    });
  });
});
