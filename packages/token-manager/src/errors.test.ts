import { inspect } from 'node:util';
import { LatchError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import {
  isTokenManagerError,
  NoExchangeEndpointError,
  NoRefreshEndpointError,
  NotLoggedInError,
  ReauthRequiredError,
  type TokenManagerError,
} from './errors.js';

const session = { issuer: 'https://login.example.com', profile: 'work' };

describe('the error classes', () => {
  const cases: [TokenManagerError, string][] = [
    [new NotLoggedInError(session), 'not_logged_in'],
    [new NotLoggedInError({ ...session, reason: 'no_refresh_token' }), 'not_logged_in'],
    [new ReauthRequiredError({ ...session, cause: new Error('invalid_grant') }), 'reauth_required'],
    [new NoRefreshEndpointError(session), 'no_refresh_endpoint'],
    [new NoExchangeEndpointError(session), 'no_exchange_endpoint'],
  ];

  it.each(cases)('%s has its code, brand, fields, and says what to do', (error, code) => {
    expect(error.code).toBe(code);
    expect(LatchError.isInstance(error)).toBe(true);
    expect(isTokenManagerError(error)).toBe(true);
    expect(error).toMatchObject(session);
    expect(error.message).toMatch(/Log in|Set endpoints|ask for a resource/);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code, ...session });
  });

  it('narrows with isInstance across copies (brand + code), not instanceof', () => {
    const foreign = Object.assign(new Error('x'), { code: 'reauth_required' });
    Object.defineProperty(foreign, Symbol.for('latch.error'), { value: true });
    expect(ReauthRequiredError.isInstance(foreign)).toBe(true);
    expect(NotLoggedInError.isInstance(foreign)).toBe(false);
    expect(NotLoggedInError.isInstance({ code: 'not_logged_in' })).toBe(false);
    expect(NoRefreshEndpointError.isInstance(new NoExchangeEndpointError(session))).toBe(false);
    expect(NoExchangeEndpointError.isInstance(new NoExchangeEndpointError(session))).toBe(true);
    expect(isTokenManagerError(new Error('x'))).toBe(false);
  });

  it('switch (err.code) narrows the union', () => {
    const describe = (error: TokenManagerError): string => {
      switch (error.code) {
        case 'not_logged_in':
          return error.reason;
        case 'reauth_required':
        case 'no_refresh_endpoint':
        case 'no_exchange_endpoint':
          return error.profile;
      }
    };
    expect(describe(new NotLoggedInError(session))).toBe('no_session');
    expect(describe(new ReauthRequiredError(session))).toBe('work');
  });

  it('keeps the cause out of JSON and never shows a token it was given', () => {
    const cause = Object.assign(new Error('refused'), { token: 'SECRET-REFRESH-TOKEN' });
    const error = new ReauthRequiredError({ ...session, cause });
    expect(error.cause).toBe(cause);
    expect(JSON.stringify(error)).not.toContain('SECRET');
    expect(inspect(error)).toContain('ReauthRequiredError');
  });
});
