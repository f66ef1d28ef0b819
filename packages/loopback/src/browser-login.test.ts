import { OAuthError, readJwtClaims } from '@latch/core';
import { type Issuer, startIssuer } from '@latch/issuer';
import { expectNoSecrets, rejectionOf } from '@latch/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizationUrlEvent } from './browser-login.js';
import { browserLogin } from './browser-login.js';
import { BrowserUnavailableError } from './browser-unavailable-error.js';
import { LoginTimeoutError } from './login-timeout-error.js';
import { followCallback, tryConnect } from './test-support/http.js';
import { codeGrantCalls } from './test-support/issuer.js';
import { approveAndReturn, pendingLogin } from './test-support/login.js';
import { controlledSleep } from './test-support/runtime.js';
import { scriptedTokenEndpoint, unsignedJwt } from './test-support/scripted-as.js';
import type { ReadPastedUrlContext } from './wait-for-callback.js';

const notOpened = async () => ({ opened: false, reason: 'launch_failed', message: 'x' }) as const;

describe('browserLogin', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
  });
  afterAll(() => issuer.close());
  afterEach(() => issuer.grants.reset());

  it('discovers, sends PKCE, state and nonce, takes the loopback callback and returns the tokens', async () => {
    const { login, url, redirectUri, port } = await pendingLogin(issuer);
    const params = new URL(url).searchParams;
    expect(url.startsWith(`${issuer.url}/auth?`)).toBe(true);
    expect(redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toMatch(/^[\w-]{43}$/);
    expect(params.get('nonce')).toMatch(/^[\w-]{43}$/);

    const { page } = await approveAndReturn(issuer, url);
    expect(page?.status).toBe(200);
    const tokens = await login.promise;
    expect(tokens.tokenType).toBe('Bearer');
    expect(readJwtClaims(tokens.idToken ?? '')?.nonce).toBe(params.get('nonce'));
    expect(issuer.grants.count('authorization_code')).toBe(1);
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
  });

  it('sends no nonce without openid, and works over [::1]', async () => {
    const { login, url, redirectUri, port } = await pendingLogin(issuer, {
      host: '::1',
      scope: 'offline_access api:read',
    });
    expect(redirectUri).toBe(`http://[::1]:${port}/callback`);
    expect(new URL(url).searchParams.has('nonce')).toBe(false);
    await approveAndReturn(issuer, url);
    await expect(login.promise).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('ends with OAuthError access_denied when the user declines, with no token request', async () => {
    const { login, url } = await pendingLogin(issuer);
    await followCallback(await issuer.authorize(url, { deny: true }));
    const error = await rejectionOf(login.promise);
    expect(OAuthError.isInstance(error)).toBe(true);
    expect((error as OAuthError).error).toBe('access_denied');
    expect(codeGrantCalls(issuer)).toBe(0);
  });

  it('completes from a pasted URL when no browser opened; a paste with the wrong state does not', async () => {
    const events: AuthorizationUrlEvent[] = [];
    const contexts: ReadPastedUrlContext[] = [];
    let authorizationUrl = '';
    const tokens = await browserLogin({
      issuer: issuer.url,
      clientId: issuer.clientId,
      scope: 'openid api:read',
      openUrl: notOpened,
      onAuthorizationUrl: (event) => {
        events.push(event);
        authorizationUrl = event.url;
      },
      readPastedUrl: async (context) => {
        contexts.push(context);
        // The browser on "another machine" ends on the redirect URL, which cannot load there.
        const redirect = new URL(await issuer.authorize(authorizationUrl));
        if (contexts.length === 1) {
          redirect.searchParams.set('state', 'not-this-login');
          return redirect.href;
        }
        expect(codeGrantCalls(issuer)).toBe(0);
        return `  ${redirect.href}\n`;
      },
    });
    expect(tokens.tokenType).toBe('Bearer');
    expect(events).toEqual([
      expect.objectContaining({ browserOpened: false, reason: 'launch_failed' }),
    ]);
    expect(contexts).toHaveLength(2);
    expect(contexts[1]?.rejected?.reason).toBe('state_mismatch');
    expect(contexts[1]?.signal.aborted).toBe(true);
    expect(issuer.grants.count('authorization_code')).toBe(1);
  });

  it('cancels the paste prompt when the loopback callback wins', async () => {
    let promptSignal: AbortSignal | undefined;
    const { login, url } = await pendingLogin(issuer, {
      openUrl: notOpened,
      onAuthorizationUrl: () => {},
      readPastedUrl: ({ signal }) => {
        promptSignal = signal;
        return new Promise<string>(() => {});
      },
    });
    await approveAndReturn(issuer, url);
    await login.promise;
    expect(promptSignal?.aborted).toBe(true);
  });

  it('throws BrowserUnavailableError at once, port closed, when no browser opened and no hook can help', async () => {
    let redirectUri = '';
    const error = await rejectionOf(
      browserLogin({
        issuer: issuer.url,
        clientId: issuer.clientId,
        openUrl: async (url) => {
          redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
          return notOpened();
        },
      }),
    );
    expect(BrowserUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'browser_unavailable', reason: 'launch_failed' });
    expect(await tryConnect('127.0.0.1', Number(new URL(redirectUri).port))).toBe('ECONNREFUSED');
  });

  it('with the default opener, skips the browser where it is unlikely to work and says why', async () => {
    let event: AuthorizationUrlEvent | undefined;
    const { login, url } = await pendingLogin(issuer, {
      openUrl: undefined,
      env: { CI: 'true', DISPLAY: ':0' },
      onAuthorizationUrl: (e) => {
        event = e;
      },
    });
    expect(event).toMatchObject({ url, browserOpened: false, reason: 'ci' });
    await approveAndReturn(issuer, url);
    await expect(login.promise).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it("opens no browser with browser: 'never' and still accepts the loopback callback", async () => {
    let event: AuthorizationUrlEvent | undefined;
    const login = browserLogin({
      issuer: issuer.url,
      clientId: issuer.clientId,
      scope: 'api:read',
      browser: 'never',
      openUrl: async () => {
        throw new Error('must not be called');
      },
      onAuthorizationUrl: (e) => {
        event = e;
        void approveAndReturn(issuer, e.url);
      },
    });
    await expect(login).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(event).toMatchObject({ browserOpened: false, reason: 'disabled' });
  });

  it('gives up with LoginTimeoutError when nobody finishes in the browser', async () => {
    const clock = controlledSleep(90_000);
    const { login, port } = await pendingLogin(issuer, {
      loginTimeoutMs: 90_000,
      sleep: clock.sleep,
    });
    expect(await login.isPending()).toBe(true);
    clock.fire();
    const error = await rejectionOf(login.promise);
    expect(LoginTimeoutError.isInstance(error)).toBe(true);
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
  });

  it('throws TypeError for bad options', async () => {
    await expect(browserLogin({ clientId: 'x' })).rejects.toThrow(TypeError);
    await expect(
      browserLogin({
        clientId: 'x',
        issuer: issuer.url,
        endpoints: { authorizationEndpoint: 'a', tokenEndpoint: 'b' },
      }),
    ).rejects.toThrow(TypeError);
    await expect(browserLogin({ clientId: '', issuer: issuer.url })).rejects.toThrow(TypeError);
  });
});

describe('browserLogin with given endpoints (scripted token endpoint)', () => {
  const ACCESS = 'SENTINEL-ACCESS-4410';
  const REFRESH = 'SENTINEL-REFRESH-9e1a';

  async function loginAgainst(idToken: (nonce: string) => string | undefined) {
    let nonce = '';
    const as = await scriptedTokenEndpoint(() => {
      const id = idToken(nonce);
      return {
        access_token: ACCESS,
        token_type: 'Bearer',
        refresh_token: REFRESH,
        ...(id === undefined ? {} : { id_token: id }),
      };
    });
    try {
      return await browserLogin({
        endpoints: {
          authorizationEndpoint: `${as.url}/authorize`,
          tokenEndpoint: `${as.url}/token`,
          issuer: as.url,
          issParameterSupported: true,
        },
        clientId: 'my-cli',
        scope: 'openid',
        // The "authorization server" approves at once: back to the redirect URI with a code.
        openUrl: async (url) => {
          const params = new URL(url).searchParams;
          nonce = params.get('nonce') ?? '';
          const callback = new URL(params.get('redirect_uri') ?? '');
          callback.search = new URLSearchParams({
            code: 'SENTINEL-CODE-31',
            state: params.get('state') ?? '',
            iss: as.url,
          }).toString();
          void followCallback(callback.href);
          return { opened: true };
        },
      });
    } finally {
      await as.close();
    }
  }

  it('accepts an ID token with the nonce it sent', async () => {
    const tokens = await loginAgainst((nonce) => unsignedJwt({ nonce, sub: 'u1' }));
    expect(tokens.accessToken).toBe(ACCESS);
  });

  it('refuses an ID token with another nonce, or none, without leaking the tokens', async () => {
    for (const [make, present] of [
      [() => unsignedJwt({ nonce: 'someone-else', sub: 'u1' }), true],
      [() => undefined, false],
    ] as const) {
      const error = await rejectionOf(loginAgainst(make));
      expect(error).toMatchObject({ code: 'nonce_mismatch', idTokenPresent: present });
      expectNoSecrets(error, [ACCESS, REFRESH, 'SENTINEL-CODE-31']);
    }
  });
});
