import {
  AbortError,
  HttpStatusError,
  InvalidResponseError,
  NetworkError,
  OAuthError,
  TimeoutError,
} from '@latch/core';
import { describe, expect, it } from 'vitest';
import { AccessDeniedError, DeviceCodeExpiredError, DeviceTokenError } from './poll-errors.js';
import { pollOutcomeOf } from './poll-outcome.js';
import { expectNoSecrets, SECRET } from './test-support/secrets.js';

const secrets = { deviceCode: SECRET.deviceCode, userCode: SECRET.userCode, expiresAt: 42 };
const oauth = (error: string, more: Partial<ConstructorParameters<typeof OAuthError>[0]> = {}) =>
  new OAuthError({ error, status: 400, ...more });

function thrown(error: unknown): unknown {
  try {
    pollOutcomeOf(error, secrets);
  } catch (caught) {
    return caught;
  }
  throw new Error('expected pollOutcomeOf to throw');
}

describe('pollOutcomeOf', () => {
  it('keeps polling on authorization_pending and slow_down, with Retry-After in ms', () => {
    expect(pollOutcomeOf(oauth('authorization_pending'), secrets)).toEqual({
      kind: 'pending',
      retryAfterMs: undefined,
    });
    expect(pollOutcomeOf(oauth('slow_down', { retryAfter: 9 }), secrets)).toEqual({
      kind: 'slow_down',
      retryAfterMs: 9000,
    });
  });

  it('keeps polling through 429, 503 and temporarily_unavailable', () => {
    const limited = new HttpStatusError('busy', { status: 429, retryAfter: 30 });
    expect(pollOutcomeOf(limited, secrets)).toEqual({ kind: 'unavailable', retryAfterMs: 30000 });
    const down = new HttpStatusError('down', { status: 503 });
    expect(pollOutcomeOf(down, secrets)).toEqual({ kind: 'unavailable', retryAfterMs: undefined });
    expect(pollOutcomeOf(oauth('temporarily_unavailable'), secrets).kind).toBe('unavailable');
  });

  it('keeps polling after a timeout or a connection failure', () => {
    expect(pollOutcomeOf(new TimeoutError('slow', { timeoutMs: 10 }), secrets)).toEqual({
      kind: 'unreachable',
    });
    expect(pollOutcomeOf(new NetworkError('refused'), secrets)).toEqual({ kind: 'unreachable' });
  });

  it('ends with DeviceCodeExpiredError on expired_token, the OAuthError as cause', () => {
    const cause = oauth('expired_token');
    const error = thrown(cause) as DeviceCodeExpiredError;
    expect(DeviceCodeExpiredError.isInstance(error)).toBe(true);
    expect(error.code).toBe('expired_token');
    expect(error.expiresAt).toBe(42);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('The code expired before it was approved; run the login again');
  });

  it('ends with AccessDeniedError on access_denied', () => {
    const error = thrown(oauth('access_denied')) as AccessDeniedError;
    expect(AccessDeniedError.isInstance(error)).toBe(true);
    expect(error.code).toBe('access_denied');
    expect(error.message).toMatch(/declined.*run the login again/);
  });

  it.each([
    ['invalid_grant', /invalid or was already used; run the login again/],
    ['invalid_client', /check the client id/],
    ['unsupported_grant_type', /does not support the device grant/],
    ['server_error', /server documentation/],
  ])('ends with DeviceTokenError on %s, code verbatim and a next step', (code, next) => {
    const cause = oauth(code);
    const error = thrown(cause) as DeviceTokenError;
    expect(DeviceTokenError.isInstance(error)).toBe(true);
    expect(error.code).toBe('device_token_failed');
    expect(error.error).toBe(code);
    expect(error.status).toBe(400);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain(`"${code}"`);
    expect(error.message).toMatch(next);
  });

  it('scrubs the device and user codes from a server description before chaining it', () => {
    const cause = oauth('invalid_grant', {
      errorDescription: `device code ${SECRET.deviceCode} for ${SECRET.userCode} is unknown`,
      errorUri: `https://as.example/help?code=${SECRET.userCode}`,
    });
    const error = thrown(cause) as DeviceTokenError;
    expectNoSecrets(error);
    const chained = error.cause as OAuthError;
    expect(OAuthError.isInstance(chained)).toBe(true);
    expect(chained.errorDescription).toBe('device code [redacted] for [redacted] is unknown');
    expect(chained.errorUri).toBe('https://as.example/help?code=[redacted]');
    expect(chained.status).toBe(400);
  });

  it.each([
    ['AbortError', new AbortError('stop')],
    ['InvalidResponseError', new InvalidResponseError('bad')],
    ['HttpStatusError 500', new HttpStatusError('boom', { status: 500 })],
    ['TypeError', new TypeError('bug')],
  ])('rethrows %s unchanged', (_name, error) => {
    expect(thrown(error)).toBe(error);
  });
});
