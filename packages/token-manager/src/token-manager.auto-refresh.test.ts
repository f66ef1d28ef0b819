import { sendJson, useTestServer } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { EXCHANGE, REFRESH, useIssuer, useManagerKit } from './test-support/fixtures.js';

const getIssuer = useIssuer();
const useKit = useManagerKit(getIssuer);
const serve = useTestServer();

const unauthorized = (): Error =>
  Object.assign(new Error('Request failed with status code 401'), { status: 401 });

describe('withAutoRefresh', () => {
  it('retries once with a refreshed token when the API answers 401 invalid_token', async () => {
    const kit = useKit();
    const session = await kit.login();
    // An API that has stopped accepting the login's first access token (revoked server-side).
    const api = await serve((request, res) => {
      if (request.headers.authorization === `Bearer ${session.accessToken}`) {
        sendJson(
          res,
          401,
          { error: 'invalid_token' },
          {
            'www-authenticate': 'Bearer error="invalid_token"',
          },
        );
      } else {
        sendJson(res, 200, { hello: 'demo' });
      }
    });
    const manager = kit.manager();
    await manager.saveCoreToken(session);

    const response = await manager.withAutoRefresh((token) =>
      fetch(api.url, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hello: 'demo' });
    expect(api.requests).toHaveLength(2);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
    expect((await manager.lookupCoreToken())?.accessToken).not.toBe(session.accessToken);
  });

  it('runs fn at most twice and refreshes at most once', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    const seen: string[] = [];
    const failures: Error[] = [];
    const error = await manager
      .withAutoRefresh((token) => {
        seen.push(token);
        const failure = unauthorized();
        failures.push(failure);
        throw failure;
      })
      .catch((caught: unknown) => caught);
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]);
    expect(error).toBe(failures[1]);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });

  it('passes other failures through without a refresh', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    let calls = 0;
    await expect(
      manager.withAutoRefresh(() => {
        calls++;
        throw Object.assign(new Error('Internal Server Error'), { status: 500 });
      }),
    ).rejects.toThrow('Internal Server Error');
    expect(calls).toBe(1);
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);
  });

  it('returns the first result when it is not a refusal', async () => {
    const kit = useKit();
    const manager = kit.manager();
    const session = await kit.login();
    await manager.saveCoreToken(session);
    expect(await manager.withAutoRefresh(async (token) => token.length)).toBe(
      session.accessToken.length,
    );
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);
  });

  it('uses the token another process stored after the refused one, without a grant', async () => {
    const kit = useKit();
    const manager = kit.manager();
    const other = kit.manager();
    const session = await kit.login();
    await manager.saveCoreToken(session);
    await manager.token({ resource: kit.issuer.url }); // in memory now
    let first = true;
    const fresh = await other.withAutoRefresh((token) => {
      if (first) {
        first = false;
        throw unauthorized();
      }
      return token;
    });
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);

    const seen: string[] = [];
    await manager.withAutoRefresh((token) => {
      seen.push(token);
      if (token === session.accessToken) throw unauthorized();
    });
    expect(seen).toEqual([session.accessToken, fresh]);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });

  it('gets a new exchanged token, not a refresh, when an exchanged token is refused', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    const seen: string[] = [];
    await manager.withAutoRefresh(
      (token) => {
        seen.push(token);
        if (seen.length === 1) throw unauthorized();
      },
      { resource: kit.issuer.resources.data },
    );
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]);
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(2);
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);
  });

  it('takes its own idea of a refusal', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    let calls = 0;
    const result = await manager.withAutoRefresh(
      () => {
        calls++;
        if (calls === 1) throw new Error('SESSION_EXPIRED');
        return 'done';
      },
      { isUnauthorized: (error) => (error as Error).message === 'SESSION_EXPIRED' },
    );
    expect(result).toBe('done');
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });

  it('rejects a fn that is not a function with TypeError', async () => {
    const manager = useKit().manager();
    await expect(manager.withAutoRefresh('fetch' as never)).rejects.toBeInstanceOf(TypeError);
  });
});
