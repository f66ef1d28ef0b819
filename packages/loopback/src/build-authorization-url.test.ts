import { challenge, generateVerifier } from '@latch/pkce';
import { describe, expect, it } from 'vitest';
import { buildAuthorizationUrl } from './build-authorization-url.js';

const verifier = generateVerifier();
const request = {
  clientId: 'my-cli',
  redirectUri: 'http://127.0.0.1:5000/callback',
  codeChallenge: challenge(verifier),
  state: 'st',
};

describe('buildAuthorizationUrl', () => {
  it('builds a code + S256 request and keeps the endpoint query', () => {
    const url = new URL(
      buildAuthorizationUrl('https://as.example/authorize?tenant=t1', {
        ...request,
        scope: 'openid offline_access',
        nonce: 'n1',
        resource: ['https://api.example', 'https://data.example'],
        extraParams: { prompt: 'consent' },
      }),
    );
    expect(url.origin + url.pathname).toBe('https://as.example/authorize');
    const params = url.searchParams;
    expect(params.get('tenant')).toBe('t1');
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe('my-cli');
    expect(params.get('redirect_uri')).toBe(request.redirectUri);
    expect(params.get('code_challenge')).toBe(challenge(verifier));
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toBe('st');
    expect(params.get('scope')).toBe('openid offline_access');
    expect(params.get('nonce')).toBe('n1');
    expect(params.getAll('resource')).toEqual(['https://api.example', 'https://data.example']);
    expect(params.get('prompt')).toBe('consent');
    expect(params.has('code_verifier')).toBe(false);
  });

  it('throws TypeError for a bad endpoint, a missing parameter or an overriding extra', () => {
    expect(() => buildAuthorizationUrl('nope', request)).toThrow(TypeError);
    expect(() => buildAuthorizationUrl('https://as.example/a', { ...request, state: '' })).toThrow(
      TypeError,
    );
    expect(() =>
      buildAuthorizationUrl('https://as.example/a', {
        ...request,
        extraParams: { redirect_uri: 'https://evil.example' },
      }),
    ).toThrow(TypeError);
  });
});
