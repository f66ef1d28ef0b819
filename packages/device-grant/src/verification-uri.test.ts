import { InvalidResponseError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { InsecureVerificationUriError } from './insecure-verification-uri-error.js';
import { expectNoSecrets, SECRET } from './test-support/secrets.js';
import { checkVerificationUri } from './verification-uri.js';

function refusal(value: unknown, options?: Parameters<typeof checkVerificationUri>[1]) {
  try {
    checkVerificationUri(value, options);
  } catch (error) {
    return error;
  }
  throw new Error('expected checkVerificationUri to throw');
}

describe('checkVerificationUri', () => {
  it('accepts https and returns it as given (not re-serialised)', () => {
    expect(checkVerificationUri('https://Login.Example.com/Device')).toBe(
      'https://Login.Example.com/Device',
    );
  });

  it.each([
    'http://127.0.0.1:4000/device',
    'http://127.8.9.10/device',
    'http://[::1]:8080/device',
    'http://localhost:3000/device',
  ])('accepts plain http on the loopback host %s', (uri) => {
    expect(checkVerificationUri(uri)).toBe(uri);
  });

  it('strips control and invisible characters before checking and showing it', () => {
    expect(checkVerificationUri('https://as.example/\u202edevice\u001b[0m\r\n')).toBe(
      'https://as.example/device[0m',
    );
  });

  it.each([
    [
      'plain http on a remote host',
      `http://as.example/device?user_code=${SECRET.userCode}`,
      'http://as.example',
    ],
    ['plain http on a private address', 'http://10.0.0.8/device', 'http://10.0.0.8'],
    ['javascript:', 'javascript:alert(1)', 'javascript:'],
    ['file:', 'file:///etc/passwd', 'file:'],
    [
      'a user name in the URL',
      'https://login.example.com@evil.example/device',
      'https://evil.example',
    ],
  ])('refuses %s with InsecureVerificationUriError', (_name, uri, origin) => {
    const error = refusal(uri, { field: 'verification_uri_complete' });
    expect(InsecureVerificationUriError.isInstance(error)).toBe(true);
    const refused = error as InsecureVerificationUriError;
    expect(refused.code).toBe('insecure_verification_uri');
    expect(refused.field).toBe('verification_uri_complete');
    expect(refused.origin).toBe(origin);
    expect(refused.message).toContain('do not open it');
    expect(refused.message).not.toContain('/device');
    expectNoSecrets(error);
  });

  it('refuses plain http on a host that merely starts like a loopback address', () => {
    const error = refusal('http://127.0.0.1.evil.example/device');
    expect(InsecureVerificationUriError.isInstance(error)).toBe(true);
  });

  it('allows remote plain http only with allowInsecureHttp, and never other schemes', () => {
    expect(checkVerificationUri('http://dev-box:8080/device', { allowInsecureHttp: true })).toBe(
      'http://dev-box:8080/device',
    );
    const error = refusal('javascript:alert(1)', { allowInsecureHttp: true });
    expect(InsecureVerificationUriError.isInstance(error)).toBe(true);
  });

  it.each([
    ['a relative path', '/device'],
    ['an empty string', ''],
    ['only invisible characters', '\u200b\u202e'],
    ['a number', 42],
    ['an object', { href: 'https://as.example' }],
  ])('refuses %s with InvalidResponseError naming the field', (_name, value) => {
    const error = refusal(value, { status: 200 });
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as InvalidResponseError).field).toBe('verification_uri');
    expect((error as InvalidResponseError).status).toBe(200);
  });
});
