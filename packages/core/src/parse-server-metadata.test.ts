import { describe, expect, it } from 'vitest';
import { IssuerMismatchError } from './discovery-errors.js';
import { parseServerMetadata } from './parse-server-metadata.js';
import { InvalidResponseError } from './response-errors.js';
import { InsecureEndpointError } from './transport-errors.js';

const doc = {
  issuer: 'https://as.example',
  authorization_endpoint: 'https://as.example/auth',
  token_endpoint: 'https://as.example/token',
  device_authorization_endpoint: 'https://as.example/device',
  revocation_endpoint: 'https://as.example/revoke',
  userinfo_endpoint: 'https://as.example/me',
  jwks_uri: 'https://as.example/jwks',
  grant_types_supported: ['authorization_code', 'refresh_token'],
  response_types_supported: ['code'],
  scopes_supported: ['openid', 'offline_access'],
  code_challenge_methods_supported: ['S256'],
  token_endpoint_auth_methods_supported: ['none'],
  authorization_response_iss_parameter_supported: true,
  vendor_extension: { any: 'thing' },
};

function errorOf(body: unknown, issuer = 'https://as.example'): unknown {
  try {
    parseServerMetadata(body, issuer);
  } catch (error) {
    return error;
  }
  throw new Error('expected parseServerMetadata to throw');
}

describe('parseServerMetadata', () => {
  it('lifts the known fields into camelCase and keeps the raw document', () => {
    const metadata = parseServerMetadata(doc, 'https://as.example/');
    expect(metadata).toMatchObject({
      issuer: 'https://as.example',
      authorizationEndpoint: 'https://as.example/auth',
      tokenEndpoint: 'https://as.example/token',
      deviceAuthorizationEndpoint: 'https://as.example/device',
      revocationEndpoint: 'https://as.example/revoke',
      userinfoEndpoint: 'https://as.example/me',
      jwksUri: 'https://as.example/jwks',
      grantTypesSupported: ['authorization_code', 'refresh_token'],
      responseTypesSupported: ['code'],
      scopesSupported: ['openid', 'offline_access'],
      codeChallengeMethodsSupported: ['S256'],
      tokenEndpointAuthMethodsSupported: ['none'],
      authorizationResponseIssParameterSupported: true,
    });
    expect(metadata.raw).toBe(doc);
    expect(metadata).not.toHaveProperty('introspectionEndpoint');
  });

  it('keeps the issuer as spelled and compares normalised forms', () => {
    const metadata = parseServerMetadata(
      { ...doc, issuer: 'HTTPS://AS.example:443/' },
      'https://as.example',
    );
    expect(metadata.issuer).toBe('HTTPS://AS.example:443/');
  });

  it.each([
    'https://other.example',
    'https://as.example/tenant',
    'https://as.example/?',
    'not a url',
  ])('refuses a document for issuer %j', (issuer) => {
    const error = errorOf({ ...doc, issuer });
    expect(IssuerMismatchError.isInstance(error)).toBe(true);
    expect((error as IssuerMismatchError).expected).toBe('https://as.example');
  });

  it('treats a trailing slash on a path as another issuer', () => {
    const error = errorOf({ ...doc, issuer: 'https://as.example/t/' }, 'https://as.example/t');
    expect(IssuerMismatchError.isInstance(error)).toBe(true);
  });

  it.each([
    ['the document is null', null, undefined],
    ['an array', [doc], undefined],
    ['no issuer', { ...doc, issuer: undefined }, 'issuer'],
    ['a numeric issuer', { ...doc, issuer: 1 }, 'issuer'],
    ['no token endpoint', { ...doc, token_endpoint: undefined }, 'token_endpoint'],
    ['a relative endpoint', { ...doc, token_endpoint: '/token' }, 'token_endpoint'],
    ['a numeric endpoint', { ...doc, jwks_uri: 5 }, 'jwks_uri'],
    ['a list of numbers', { ...doc, scopes_supported: [1] }, 'scopes_supported'],
    ['a string list', { ...doc, grant_types_supported: 'code' }, 'grant_types_supported'],
    [
      'a string flag',
      { ...doc, authorization_response_iss_parameter_supported: 'true' },
      'authorization_response_iss_parameter_supported',
    ],
  ])('refuses %s', (_name, body, field) => {
    const error = errorOf(body);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as InvalidResponseError).field).toBe(field);
  });

  it('refuses plain http endpoints unless loopback or allowInsecureHttp', () => {
    const insecure = { ...doc, token_endpoint: 'http://as.example/token' };
    const error = errorOf(insecure);
    expect(InsecureEndpointError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('token_endpoint');
    expect(
      parseServerMetadata(insecure, 'https://as.example', { allowInsecureHttp: true })
        .tokenEndpoint,
    ).toBe('http://as.example/token');
    const local = {
      ...doc,
      issuer: 'http://127.0.0.1:4000',
      token_endpoint: 'http://127.0.0.1:4000/t',
    };
    expect(parseServerMetadata(local, 'http://127.0.0.1:4000').tokenEndpoint).toBe(
      'http://127.0.0.1:4000/t',
    );
  });

  it('throws TypeError for an invalid expected issuer', () => {
    expect(() => parseServerMetadata(doc, 'as.example')).toThrow(TypeError);
  });
});
