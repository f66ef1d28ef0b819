import { fileURLToPath } from 'node:url';
import { readJwtClaims, type TokenSet } from '@latch/core';
import { type Issuer, startIssuer } from '@latch/issuer';
import { demoSession, readmeExample } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenForResource } from './usage.js';

let issuer: Issuer;
let user: TokenSet;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  user = await demoSession(issuer);
});

afterAll(async () => {
  await issuer?.close();
});

describe('README example', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('exchanges the API access token for one for the data resource', async () => {
    expect(readJwtClaims(user.accessToken)?.aud).toBe(issuer.resources.api);
    const token = await tokenForResource(issuer.url, user.accessToken, issuer.resources.data);
    expect(readJwtClaims(token)).toMatchObject({
      aud: issuer.resources.data,
      sub: issuer.demoUser.sub,
      scope: 'data:read',
    });
  });
});
