import { describe, expect, it } from 'vitest';
import { wellKnownMetadataUrls } from './well-known-urls.js';

describe('wellKnownMetadataUrls', () => {
  it.each([
    [
      'https://as.example',
      'https://as.example/.well-known/oauth-authorization-server',
      'https://as.example/.well-known/openid-configuration',
    ],
    [
      'https://as.example/',
      'https://as.example/.well-known/oauth-authorization-server',
      'https://as.example/.well-known/openid-configuration',
    ],
    [
      'https://as.example/tenant',
      'https://as.example/.well-known/oauth-authorization-server/tenant',
      'https://as.example/tenant/.well-known/openid-configuration',
    ],
    [
      'https://as.example/tenant/',
      'https://as.example/.well-known/oauth-authorization-server/tenant',
      'https://as.example/tenant/.well-known/openid-configuration',
    ],
    [
      'http://127.0.0.1:4000/a/b',
      'http://127.0.0.1:4000/.well-known/oauth-authorization-server/a/b',
      'http://127.0.0.1:4000/a/b/.well-known/openid-configuration',
    ],
  ])('for %s: RFC 8414 inserted, then OpenID appended', (issuer, oauth, openid) => {
    expect(wellKnownMetadataUrls(issuer)).toEqual([oauth, openid]);
  });

  it('throws TypeError for an invalid issuer', () => {
    expect(() => wellKnownMetadataUrls('https://as.example/?x=1')).toThrow(TypeError);
  });
});
