import type { Issuer } from '@latch/issuer';
import { type BrowserLoginOptions, browserLogin } from '../browser-login.js';
import { followCallback } from './http.js';
import { track } from './runtime.js';

/**
 * Starts a browserLogin against the issuer whose "browser" only records the URL, and waits
 * until that URL exists. The test then plays the browser.
 */
export async function pendingLogin(issuer: Issuer, options: Partial<BrowserLoginOptions> = {}) {
  let opened!: (url: string) => void;
  const urlReady = new Promise<string>((resolve) => {
    opened = resolve;
  });
  const { onAuthorizationUrl, ...rest } = options;
  const login = track(
    browserLogin({
      issuer: issuer.url,
      clientId: issuer.clientId,
      scope: 'openid offline_access api:read',
      openUrl: async () => ({ opened: true }),
      ...rest,
      // Always told the URL, whether or not a browser "opened".
      onAuthorizationUrl: (event) => {
        onAuthorizationUrl?.(event);
        opened(event.url);
      },
    }),
  );
  const url = await Promise.race([urlReady, login.promise.then(() => '')]);
  const redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
  const target = new URL(redirectUri);
  return {
    login,
    url,
    redirectUri,
    state: new URL(url).searchParams.get('state') ?? '',
    host: target.hostname.replace(/^\[|\]$/g, ''),
    port: Number(target.port),
  };
}

/** Plays the browser without one: the demo user approves on the issuer, then the redirect is followed. */
export async function approveAndReturn(issuer: Issuer, url: string) {
  const redirect = await issuer.authorize(url);
  return followCallback(redirect);
}
