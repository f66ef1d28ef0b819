import { describe, expect, it } from 'vitest';
import { parseOAuthErrorBody } from './parse-oauth-error-body.js';

describe('parseOAuthErrorBody', () => {
  it('reads an RFC 6749 §5.2 body', () => {
    const error = parseOAuthErrorBody(
      { error: 'invalid_client', error_description: 'unknown client', error_uri: 'https://e' },
      { status: 401, retryAfter: 2 },
    );
    expect(error).toMatchObject({
      code: 'oauth_error',
      error: 'invalid_client',
      errorDescription: 'unknown client',
      errorUri: 'https://e',
      status: 401,
      retryAfter: 2,
    });
  });

  it('ignores description and uri of the wrong type', () => {
    const error = parseOAuthErrorBody({ error: 'x', error_description: 5, error_uri: {} });
    expect(error?.errorDescription).toBeUndefined();
    expect(error?.errorUri).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['an array', [{ error: 'x' }]],
    ['a string', 'error'],
    ['no error', { message: 'nope' }],
    ['a number error', { error: 400 }],
    ['an empty error', { error: '' }],
  ])('returns undefined for %s', (_name, body) => {
    expect(parseOAuthErrorBody(body)).toBeUndefined();
  });
});
