import { fileURLToPath } from 'node:url';
import { type AuthorizationServerMetadata, discoverIssuer } from '@latch/core';
import { type Issuer, startIssuer } from '@latch/issuer';
import { demoSession, readmeExample } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTokens } from './usage.js';

let issuer: Issuer;
let _metadata: AuthorizationServerMetadata;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  _metadata = await discoverIssuer(issuer.url);
});

afterAll(async () => {
  await issuer?.close();
});

describe('README example', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('keeps a stored token set that is still valid', async () => {
    const stored = await demoSession(issuer);
    const before = issuer.grants.count('refresh_token');
    expect(await freshTokens(issuer.url, stored)).toBe(stored);
    expect(issuer.grants.count('refresh_token')).toBe(before);
  });

  it('refreshes an expired stored token set, then reports the spent one as logged out', async () => {
    const stored = { ...(await demoSession(issuer)), expiresAt: Date.now() - 1 };
    const before = issuer.grants.count('refresh_token');

    const fresh = await freshTokens(issuer.url, stored);
    expect(issuer.grants.count('refresh_token')).toBe(before + 1);
    expect(fresh?.accessToken).not.toBe(stored.accessToken);
    expect(fresh?.refreshToken).toEqual(expect.any(String));
    expect(fresh?.refreshToken).not.toBe(stored.refreshToken);
    expect(fresh?.expiresAt).toBeGreaterThan(Date.now() + 60_000);

    // the stored refresh token was rotated away: the example says "log in again"
    expect(await freshTokens(issuer.url, stored)).toBeUndefined();
  });
});
