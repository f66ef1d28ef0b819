import { describe, expect, it } from 'vitest';
import { isUnauthorizedError, isUnauthorizedResponse } from './unauthorized.js';

describe('isUnauthorizedError', () => {
  it.each([
    ['status 401', Object.assign(new Error('Unauthorized'), { status: 401 })],
    ['statusCode 401', Object.assign(new Error('x'), { statusCode: 401 })],
    ['response.status 401', Object.assign(new Error('x'), { response: { status: 401 } })],
    ['error invalid_token', { error: 'invalid_token' }],
    ['code token_expired', { code: 'token_expired' }],
    [
      'a WWW-Authenticate challenge',
      { headers: new Headers({ 'www-authenticate': 'Bearer error="invalid_token"' }) },
    ],
    [
      'a plain header object',
      { response: { headers: { 'www-authenticate': 'Bearer error=invalid_token' } } },
    ],
    ['a message with 401', new Error('Request failed with status code 401')],
    ['a message with invalid_token', new Error('server said invalid_token')],
    ['a cause', new Error('wrapped', { cause: Object.assign(new Error('x'), { status: 401 }) })],
    ['a string', 'HTTP 401'],
  ])('recognises %s', (_name, error) => {
    expect(isUnauthorizedError(error)).toBe(true);
  });

  it.each([
    ['status 403', Object.assign(new Error('Forbidden'), { status: 403 })],
    ['status 500', Object.assign(new Error('HTTP 500'), { status: 500 })],
    ['port 4010 in a message', new Error('connect ECONNREFUSED 127.0.0.1:4010')],
    ['undefined', undefined],
    ['null', null],
    ['a number', 401],
  ])('does not mistake %s for a refusal', (_name, error) => {
    expect(isUnauthorizedError(error)).toBe(false);
  });
});

describe('isUnauthorizedResponse', () => {
  it('recognises a 401 Response and nothing else', () => {
    expect(isUnauthorizedResponse(new Response(null, { status: 401 }))).toBe(true);
    expect(isUnauthorizedResponse(new Response(null, { status: 200 }))).toBe(false);
    expect(isUnauthorizedResponse({ status: 401 })).toBe(false);
    expect(isUnauthorizedResponse(undefined)).toBe(false);
  });
});
