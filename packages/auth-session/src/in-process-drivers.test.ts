import type { TokenSet } from '@latch/core';
import { DEVICE_CODE_GRANT_TYPE, type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthSessionManager } from './auth-session-manager.js';
import type { PollResult } from './auth-session-status.js';
import { browserLoginDriver } from './browser-login-driver.js';
import { deviceLoginDriver } from './device-login-driver.js';
import { until } from './test-support/wait.js';
import type { TokenSinkContext } from './token-sink.js';

let issuer: Issuer;
beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
});
afterAll(async () => {
  await issuer?.close();
});

/** Waits between polls for at most 20 real ms (the issuer sends no interval: 5 s otherwise). */
const fastSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, Math.min(ms, 20));
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/** A manager with one device provider and one browser provider, recording what the sink got. */
function setUp(onTokens?: (tokens: TokenSet, context: TokenSinkContext) => string) {
  const received: { tokens: TokenSet; context: TokenSinkContext }[] = [];
  const sink = (tokens: TokenSet, context: TokenSinkContext) => {
    received.push({ tokens, context });
    return onTokens ? onTokens(tokens, context) : `bundle-${received.length}`;
  };
  const common = {
    issuer: issuer.url,
    clientId: issuer.clientId,
    scope: 'openid email api:read',
    onTokens: sink,
  };
  const manager = new AuthSessionManager({
    providers: {
      device: deviceLoginDriver({ ...common, sleep: fastSleep }),
      browser: browserLoginDriver(common),
    },
  });
  const polls: PollResult[] = [];
  const watch = async (id: string, status: PollResult['status']) =>
    until(async () => {
      const poll = await manager.poll(id);
      if (poll !== undefined) polls.push(poll);
      return poll?.status === status ? poll : undefined;
    });
  return { manager, received, polls, watch };
}

function expectNoTokens(rendered: string, tokens: TokenSet[]): void {
  for (const set of tokens) {
    for (const secret of [set.accessToken, set.refreshToken, set.idToken]) {
      if (secret !== undefined) expect(rendered).not.toContain(secret);
    }
  }
}

describe('deviceLoginDriver against the embedded issuer', () => {
  it('emits the code, hands the tokens to the sink only, and succeeds with its bundle id', async () => {
    const { manager, received, polls, watch } = setUp();
    try {
      const id = await manager.start('device', { intoBundleId: 'into-1' });
      const shown = await watch(id, 'code-emitted');
      if (shown.status !== 'code-emitted') throw new Error('unreachable');
      expect(shown.verificationUrl).toBe(`${issuer.url}/device`);
      expect(shown.verificationUrlComplete).toContain(shown.userCode);
      expect(shown.expiresAt).toBeGreaterThan(Date.now());
      await issuer.approveDevice(shown.userCode);
      expect(await watch(id, 'success')).toEqual({
        providerId: 'device',
        status: 'success',
        bundleId: 'bundle-1',
        email: issuer.demoUser.email,
      });
      expect(received).toHaveLength(1);
      expect(received[0]?.context).toMatchObject({
        sessionId: id,
        providerId: 'device',
        intoBundleId: 'into-1',
      });
      expect(received[0]?.tokens.refreshToken).toBeTruthy();
      const transcript = await manager.transcript(id);
      expect(transcript?.[0]).toBe(
        `To sign in, open ${issuer.url}/device and enter the code ${shown.userCode}`,
      );
      expectNoTokens(
        JSON.stringify({ polls, transcript }),
        received.map((r) => r.tokens),
      );
    } finally {
      await manager.close();
    }
  });

  it('fails with "access denied" when the user declines', async () => {
    const { manager, received, watch } = setUp();
    try {
      const id = await manager.start('device');
      const shown = await watch(id, 'code-emitted');
      if (shown.status !== 'code-emitted') throw new Error('unreachable');
      await issuer.approveDevice(shown.userCode, { deny: true });
      expect(await watch(id, 'failed')).toMatchObject({ error: 'access denied' });
      expect(received).toEqual([]);
    } finally {
      await manager.close();
    }
  });

  it('cancel stops the polling at once and no tokens are delivered', async () => {
    const { manager, received, watch } = setUp();
    try {
      const id = await manager.start('device');
      await watch(id, 'code-emitted');
      await until(() => issuer.grants.failures(DEVICE_CODE_GRANT_TYPE) > 0);
      await manager.cancel(id);
      const polled = issuer.grants.failures(DEVICE_CODE_GRANT_TYPE);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(issuer.grants.failures(DEVICE_CODE_GRANT_TYPE)).toBe(polled);
      expect(await manager.poll(id)).toMatchObject({ status: 'failed', error: 'cancelled' });
      expect(received).toEqual([]);
    } finally {
      await manager.close();
    }
  });

  it('fails "could not store the tokens" when the sink throws', async () => {
    const { manager, watch } = setUp(() => {
      throw new Error('disk full');
    });
    try {
      const id = await manager.start('device');
      const shown = await watch(id, 'code-emitted');
      if (shown.status !== 'code-emitted') throw new Error('unreachable');
      await issuer.approveDevice(shown.userCode);
      expect(await watch(id, 'failed')).toMatchObject({ error: 'could not store the tokens' });
    } finally {
      await manager.close();
    }
  });

  it('refuses a missing token sink', () => {
    expect(() => deviceLoginDriver({ issuer: issuer.url, clientId: 'x' } as never)).toThrow(
      TypeError,
    );
    expect(() => browserLoginDriver({ issuer: issuer.url, clientId: 'x' } as never)).toThrow(
      TypeError,
    );
  });
});

describe('browserLoginDriver against the embedded issuer', () => {
  it('shows the URL, refuses a foreign paste, takes the real one, and succeeds', async () => {
    const { manager, received, polls, watch } = setUp();
    try {
      const id = await manager.start('browser');
      const shown = await watch(id, 'url-available');
      if (shown.status !== 'url-available') throw new Error('unreachable');
      expect(shown.authUrl.startsWith(`${issuer.url}/auth?`)).toBe(true);
      const redirect = await issuer.authorize(shown.authUrl);
      const forged = new URL(redirect);
      forged.searchParams.set('state', 'not-this-login');
      expect(await manager.submitCallbackUrl(id, forged.href)).toBe(true);
      await until(async () =>
        (await manager.transcript(id))?.some((line) =>
          line.startsWith('The pasted address was refused'),
        ),
      );
      expect((await manager.poll(id))?.status).toBe('url-available');
      expect(await manager.submitCallbackUrl(id, redirect)).toBe(true);
      expect(await watch(id, 'success')).toMatchObject({
        bundleId: 'bundle-1',
        email: issuer.demoUser.email,
      });
      const transcript = await manager.transcript(id);
      const code = new URL(redirect).searchParams.get('code') ?? '';
      const rendered = JSON.stringify({ polls, transcript });
      expect(rendered).not.toContain(code);
      expectNoTokens(
        rendered,
        received.map((r) => r.tokens),
      );
    } finally {
      await manager.close();
    }
  });
});
