import { fileURLToPath } from 'node:url';
import { demoSession, readmeExample, sendJson, useTestServer } from '@latch/test-support';
import { TokenManager } from '@latch/token-manager';
import { EncryptedFileStore } from '@latch/tokenstore';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimsOf, EXCHANGE, tempDir, useIssuer } from '../src/test-support/fixtures.js';
import { dataCommand } from './usage.js';

const getIssuer = useIssuer();
const serve = useTestServer();
let home: { path: string; remove: () => Promise<void> };
const saved = { config: process.env.XDG_CONFIG_HOME, cache: process.env.XDG_CACHE_HOME };

beforeAll(async () => {
  // The example uses the default store and lock directories: keep them in a temporary home.
  home = await tempDir();
  process.env.XDG_CONFIG_HOME = `${home.path}/config`;
  process.env.XDG_CACHE_HOME = `${home.path}/cache`;
});
afterAll(async () => {
  for (const [name, value] of [
    ['XDG_CONFIG_HOME', saved.config],
    ['XDG_CACHE_HOME', saved.cache],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await home.remove();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('README example', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('runs a CLI command against the embedded issuer: login needed, then data', async () => {
    const issuer = getIssuer();
    const seen: string[] = [];
    // The data API: accepts tokens issued for it, except the first one (revoked, say).
    const api = await serve((request, res) => {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      seen.push(token);
      const aud = token.includes('.') ? claimsOf(token).aud : undefined;
      if (aud !== issuer.resources.data || seen.length === 1) {
        sendJson(res, 401, { error: 'invalid_token' });
        return;
      }
      sendJson(res, 200, { rows: [1, 2, 3] });
    });
    const cli = { issuer: issuer.url, api: api.url, resource: issuer.resources.data };
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});

    expect(await dataCommand(cli)).toBe(2);
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(/^Not logged in .* Run `mycli login`\.$/),
    );
    expect(api.requests).toHaveLength(0);

    // `mycli login` would have stored this, with any login flow (device, browser).
    const login = new TokenManager({
      issuer: issuer.url,
      clientId: issuer.clientId,
      store: new EncryptedFileStore({ service: 'mycli' }),
    });
    await login.saveCoreToken(await demoSession(issuer));

    issuer.grants.reset();
    expect(await dataCommand(cli)).toBe(0);
    expect(log).toHaveBeenCalledWith('{"rows":[1,2,3]}');
    expect(seen).toHaveLength(2); // refused once, then a new token
    expect(issuer.grants.count(EXCHANGE)).toBe(2);
  });
});
