import { fileURLToPath } from 'node:url';
import { type Issuer, startIssuer } from '@latch/issuer';
import { readmeExample } from '@latch/test-support';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refreshSession } from './usage.js';

let issuer: Issuer;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
});

afterAll(async () => {
  await issuer?.close();
});

it('the README example refreshes a session against the embedded issuer', async () => {
  const session = await issuer.login();
  const before = Date.now();

  const tokens = await refreshSession(issuer.url, issuer.clientId, session.refresh_token);

  expect(tokens?.tokenType).toBe('Bearer');
  expect(tokens?.accessToken).toEqual(expect.any(String));
  expect(tokens?.refreshToken).toEqual(expect.any(String));
  expect(tokens?.refreshToken).not.toBe(session.refresh_token);
  expect(tokens?.expiresAt).toBeGreaterThan(before);
  expect(issuer.grants.count('refresh_token')).toBe(1);
});

it('the README example says "log in again" for a refresh token the issuer refuses', async () => {
  await expect(refreshSession(issuer.url, issuer.clientId, 'not-a-refresh-token')).resolves.toBe(
    undefined,
  );
});

it('the README shows this example verbatim', async () => {
  const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
  expect(shown.readme).toBe(shown.file);
});
