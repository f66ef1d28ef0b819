import { describe, expect, it } from 'vitest';
import { OAuthError } from './oauth-error.js';

describe('OAuthError', () => {
  it('keeps the server fields and says what to do next', () => {
    const error = new OAuthError({
      error: 'invalid_grant',
      errorDescription: 'grant request is invalid',
      errorUri: 'https://as.example/errors/invalid_grant',
      status: 400,
      retryAfter: 3,
    });
    expect(error).toMatchObject({
      code: 'oauth_error',
      error: 'invalid_grant',
      errorDescription: 'grant request is invalid',
      errorUri: 'https://as.example/errors/invalid_grant',
      status: 400,
      retryAfter: 3,
    });
    expect(error.message).toContain('"invalid_grant" (HTTP 400)');
    expect(error.message).toContain('"grant request is invalid"');
    expect(error.message).toContain('log in again');
  });

  it('keeps an unknown error code verbatim', () => {
    const error = new OAuthError({ error: 'Vendor_Specific.Code' });
    expect(error.error).toBe('Vendor_Specific.Code');
    expect(error.message).toContain('"Vendor_Specific.Code"');
  });

  it('strips control and bidi characters from the description and caps its length', () => {
    const error = new OAuthError({
      error: 'invalid_request',
      errorDescription: `bad\u0000\u001b[31m red\r\nline\u202Egnirts ${'x'.repeat(5000)}`,
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(error.message).toContain('bad [31m red line gnirts');
    expect(error.message.length).toBeLessThan(600);
    expect(error.errorDescription?.length).toBeLessThanOrEqual(1001);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
    expect(error.errorDescription).not.toMatch(/[\u0000-\u001f]/);
  });

  it('does not look error codes up on Object.prototype', () => {
    for (const code of ['constructor', '__proto__', 'toString']) {
      const error = new OAuthError({ error: code });
      expect(error.message).toContain('See the error code in the server documentation.');
      expect(error.message).not.toContain('function');
    }
  });

  it('drops a description that is empty once cleaned', () => {
    expect(new OAuthError({ error: 'x', errorDescription: '\u0000 \n' }).errorDescription).toBe(
      undefined,
    );
  });
});
