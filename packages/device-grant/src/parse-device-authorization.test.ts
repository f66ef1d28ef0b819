import { InvalidResponseError, OAuthError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { InsecureVerificationUriError } from './insecure-verification-uri-error.js';
import { parseDeviceAuthorizationResponse } from './parse-device-authorization.js';
import { expectNoSecrets, SECRET } from './test-support/secrets.js';

const requestedAt = 1_700_000_000_000;
const valid = {
  device_code: SECRET.deviceCode,
  user_code: SECRET.userCode,
  verification_uri: 'https://as.example/device',
  verification_uri_complete: `https://as.example/device?user_code=${SECRET.userCode}`,
  expires_in: 600,
  interval: 7,
};

function refusal(body: unknown): unknown {
  try {
    parseDeviceAuthorizationResponse(body, { requestedAt, status: 200 });
  } catch (error) {
    return error;
  }
  throw new Error('expected the parser to throw');
}

describe('parseDeviceAuthorizationResponse', () => {
  it('returns the RFC 8628 §3.2 fields in camelCase, expiresAt from requestedAt', () => {
    expect(parseDeviceAuthorizationResponse(valid, { requestedAt })).toEqual({
      deviceCode: SECRET.deviceCode,
      userCode: SECRET.userCode,
      verificationUri: 'https://as.example/device',
      verificationUriComplete: `https://as.example/device?user_code=${SECRET.userCode}`,
      expiresIn: 600,
      expiresAt: requestedAt + 600_000,
      interval: 7,
    });
  });

  it('defaults interval to 5 s and leaves verificationUriComplete out when absent or null', () => {
    const { interval, verification_uri_complete, ...minimal } = valid;
    const parsed = parseDeviceAuthorizationResponse(minimal, { requestedAt });
    expect(parsed.interval).toBe(5);
    expect('verificationUriComplete' in parsed).toBe(false);
    const nulls = { ...minimal, interval: null, verification_uri_complete: null };
    expect(parseDeviceAuthorizationResponse(nulls, { requestedAt })).toEqual(parsed);
  });

  it('accepts expires_in and interval as strings of digits, as some servers send them', () => {
    const parsed = parseDeviceAuthorizationResponse(
      { ...valid, expires_in: '900', interval: '5' },
      { requestedAt },
    );
    expect(parsed).toMatchObject({ expiresIn: 900, expiresAt: requestedAt + 900_000, interval: 5 });
  });

  it("accepts Google's verification_url when verification_uri is absent", () => {
    const { verification_uri, ...google } = valid;
    const parsed = parseDeviceAuthorizationResponse(
      { ...google, verification_url: 'https://www.google.com/device' },
      { requestedAt },
    );
    expect(parsed.verificationUri).toBe('https://www.google.com/device');
  });

  it('cleans the user code for display but keeps the device code exactly as sent', () => {
    const deviceCode = ` ${SECRET.deviceCode}\u200b`;
    const parsed = parseDeviceAuthorizationResponse(
      { ...valid, device_code: deviceCode, user_code: '\u001b[31mWDJB-\u202eMJHT\r\n' },
      { requestedAt },
    );
    expect(parsed.userCode).toBe('[31mWDJB-MJHT');
    expect(parsed.deviceCode).toBe(deviceCode);
  });

  it.each([
    ['device_code', { device_code: undefined }],
    ['device_code', { device_code: '' }],
    ['device_code', { device_code: 12345 }],
    ['user_code', { user_code: undefined }],
    ['user_code', { user_code: ['WDJB'] }],
    ['user_code', { user_code: '\u200b\u0007 ' }],
    ['verification_uri', { verification_uri: undefined }],
    ['verification_uri', { verification_uri: 'not a url' }],
    ['verification_uri_complete', { verification_uri_complete: 7 }],
    ['expires_in', { expires_in: undefined }],
    ['expires_in', { expires_in: 0 }],
    ['expires_in', { expires_in: -5 }],
    ['expires_in', { expires_in: '10m' }],
    ['expires_in', { expires_in: 1e300 }],
    ['interval', { interval: 'fast' }],
    ['interval', { interval: -1 }],
    ['interval', { interval: true }],
  ])(
    'refuses a bad %s (%j) with InvalidResponseError naming it, no code in the text',
    (field, patch) => {
      const error = refusal({ ...valid, ...patch });
      expect(InvalidResponseError.isInstance(error)).toBe(true);
      expect((error as InvalidResponseError).field).toBe(field);
      expect((error as InvalidResponseError).status).toBe(200);
      expect((error as Error).message).toContain(field);
      expectNoSecrets(error);
    },
  );

  it.each([
    ['null', null],
    ['an array', [valid]],
    ['a string', SECRET.deviceCode],
  ])('refuses a body that is %s', (_name, body) => {
    const error = refusal(body);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expectNoSecrets(error);
  });

  it('refuses a plain-http verification URI on a remote host (either field)', () => {
    const uri = refusal({ ...valid, verification_uri: 'http://as.example/device' });
    expect(InsecureVerificationUriError.isInstance(uri)).toBe(true);
    const complete = refusal({
      ...valid,
      verification_uri_complete: `http://as.example/device?user_code=${SECRET.userCode}`,
    });
    expect(InsecureVerificationUriError.isInstance(complete)).toBe(true);
    expect((complete as InsecureVerificationUriError).field).toBe('verification_uri_complete');
    expectNoSecrets(complete);
  });

  it('accepts a remote plain-http verification URI with allowInsecureHttp', () => {
    const body = { ...valid, verification_uri: 'http://dev-box/device' };
    expect(
      parseDeviceAuthorizationResponse(body, { requestedAt, allowInsecureHttp: true })
        .verificationUri,
    ).toBe('http://dev-box/device');
  });

  it('turns an error body, even on a 200, into OAuthError', () => {
    const error = refusal({ error: 'invalid_client', error_description: 'unknown client' });
    expect(OAuthError.isInstance(error)).toBe(true);
    expect((error as OAuthError).error).toBe('invalid_client');
  });

  it('refuses a missing or non-finite requestedAt with TypeError', () => {
    expect(() => parseDeviceAuthorizationResponse(valid, {} as never)).toThrow(TypeError);
    expect(() => parseDeviceAuthorizationResponse(valid, { requestedAt: Number.NaN })).toThrow(
      TypeError,
    );
  });
});
