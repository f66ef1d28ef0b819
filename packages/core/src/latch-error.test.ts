import { describe, expect, it } from 'vitest';
import { type CoreError, isCoreError } from './core-error.js';
import { DiscoveryError, IssuerMismatchError } from './discovery-errors.js';
import { LatchError, type LatchErrorOptions } from './latch-error.js';
import { OAuthError } from './oauth-error.js';
import { HttpStatusError, InvalidResponseError, ResponseTooLargeError } from './response-errors.js';
import {
  AbortError,
  InsecureEndpointError,
  NetworkError,
  TimeoutError,
} from './transport-errors.js';

const brand = Symbol.for('latch.error');

/** What an error thrown by a second installed copy of @latch/core looks like to this one. */
function fromAnotherCopy(code: string, extra: Record<string, unknown> = {}): unknown {
  return Object.assign(new Error('from another copy'), { [brand]: true, code, ...extra });
}

const samples: readonly CoreError[] = [
  new OAuthError({ error: 'invalid_grant', status: 400 }),
  new InvalidResponseError('bad', { status: 200, field: 'expires_in' }),
  new HttpStatusError('bad', { status: 500 }),
  new ResponseTooLargeError('big', { maxBytes: 10 }),
  new TimeoutError('slow', { timeoutMs: 5 }),
  new NetworkError('down'),
  new InsecureEndpointError('plain', { url: 'http://example.com/token' }),
  new AbortError('stop'),
  new IssuerMismatchError('other', { expected: 'https://a', actual: 'https://b' }),
  new DiscoveryError('none', { attempts: ['https://a/x'] }),
];

describe('LatchError', () => {
  it('recognises errors from another copy by brand and code, not instanceof', () => {
    const foreign = fromAnotherCopy('oauth_error', { error: 'invalid_grant' });
    expect(foreign instanceof LatchError).toBe(false);
    expect(LatchError.isInstance(foreign)).toBe(true);
    expect(OAuthError.isInstance(foreign)).toBe(true);
    expect(TimeoutError.isInstance(foreign)).toBe(false);
    expect(isCoreError(foreign)).toBe(true);
    // a plain object with the brand and code also counts: it is what a copy's error carries
    expect(OAuthError.isInstance({ [brand]: true, code: 'oauth_error' })).toBe(true);
  });

  it('rejects unbranded look-alikes and non-objects', () => {
    expect(LatchError.isInstance(Object.assign(new Error('x'), { code: 'oauth_error' }))).toBe(
      false,
    );
    expect(OAuthError.isInstance({ code: 'oauth_error' })).toBe(false);
    expect(LatchError.isInstance({ [brand]: 'yes', code: 'oauth_error' })).toBe(false);
    expect(LatchError.isInstance({ [brand]: true })).toBe(false);
    for (const value of [null, undefined, 'oauth_error', 42]) {
      expect(LatchError.isInstance(value)).toBe(false);
    }
  });

  it('gives every core class its own literal code, name and isInstance', () => {
    const codes = samples.map((error) => error.code);
    expect(new Set(codes).size).toBe(samples.length);
    for (const error of samples) {
      expect(error).toBeInstanceOf(LatchError);
      expect(error).toBeInstanceOf(Error);
      expect(LatchError.isInstance(error)).toBe(true);
      expect(isCoreError(error)).toBe(true);
      expect(error.name).toBe(error.constructor.name);
      const own = (error.constructor as unknown as { isInstance(v: unknown): boolean }).isInstance;
      expect(own(error)).toBe(true);
      expect(own(fromAnotherCopy(error.code))).toBe(true);
      for (const other of samples) {
        if (other !== error) expect(own(other)).toBe(false);
      }
    }
  });

  it('narrows on switch (err.code)', () => {
    const describe = (error: CoreError): string => {
      switch (error.code) {
        case 'oauth_error':
          return error.error;
        case 'timeout':
          return String(error.timeoutMs);
        case 'http_status':
          return String(error.status);
        default:
          return error.code;
      }
    };
    expect(samples.map(describe).slice(0, 3)).toEqual(['invalid_grant', 'invalid_response', '500']);
  });

  it('chains the cause without serialising it', () => {
    const cause = new Error('low-level detail');
    const error = new NetworkError('down', { cause });
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'NetworkError',
      code: 'network_error',
      message: 'down',
    });
    expect('cause' in new NetworkError('down')).toBe(false);
  });

  it('lets other packages subclass it with codes of their own', () => {
    class NotLoggedInError extends LatchError<'not_logged_in'> {
      override readonly name = 'NotLoggedInError';
      constructor(options?: LatchErrorOptions) {
        super('not_logged_in', 'No stored session. Run `latch login`.', options);
      }
      static override isInstance(value: unknown): value is NotLoggedInError {
        return LatchError.isInstance(value) && value.code === 'not_logged_in';
      }
    }
    const error = new NotLoggedInError();
    const code: 'not_logged_in' = error.code;
    expect(code).toBe('not_logged_in');
    expect(LatchError.isInstance(error)).toBe(true);
    expect(NotLoggedInError.isInstance(error)).toBe(true);
    expect(isCoreError(error)).toBe(false);
    expect(JSON.stringify(error)).toContain('"code":"not_logged_in"');
  });
});
