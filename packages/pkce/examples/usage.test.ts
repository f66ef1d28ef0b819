import { fileURLToPath } from 'node:url';
import { challenge } from '@latch/pkce';
import { readmeExample } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { authorizationUrl } from './usage.js';

describe('README example', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('builds an S256 authorization request whose challenge matches the kept verifier', () => {
    const { url, verifier, state } = authorizationUrl(
      'https://login.example.com/authorize',
      'my-cli',
      'http://127.0.0.1:8123/callback',
    );
    const params = new URL(url).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toBe(challenge(verifier));
    expect(params.get('state')).toBe(state);
    expect(params.get('redirect_uri')).toBe('http://127.0.0.1:8123/callback');
  });
});
