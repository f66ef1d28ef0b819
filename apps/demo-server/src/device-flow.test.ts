import { type Issuer, startIssuer } from '@latch/issuer';
import { MemoryStore } from '@latch/tokenstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from './create-server.js';
import {
  get,
  postForm,
  signIn,
  startFlow,
  startServer,
  type TenantClient,
  untilStatus,
  view,
} from './test-support/harness.js';

let issuer: Issuer;
let server: DemoServer;
let store: MemoryStore;
let acme: TenantClient;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  store = new MemoryStore();
  server = await startServer(issuer, { tokenStore: store });
  acme = await signIn(server, 'acme');
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

describe('the device flow', () => {
  it('shows the code, the QR code and the link; the demo user approves; the tenant is connected', async () => {
    const id = await startFlow(server, acme, 'device');
    const shown = await untilStatus(server, acme, id, 'code-emitted');
    expect(shown.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(shown.verificationUrl).toBe(`${issuer.url}/device`);
    expect(String(shown.verificationUrlComplete)).toContain(String(shown.userCode));
    expect(shown.expiresAt).toBeGreaterThan(Date.now());

    const page = await (await get(server, acme, `/?session=${id}`)).text();
    expect(page).toContain(String(shown.userCode));
    expect(page).toContain(`data-session-id="${id}"`);
    const qr = await get(server, acme, `/sessions/${id}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/svg+xml');
    expect(await qr.text()).toMatch(/^<svg/);

    await issuer.approveDevice(String(shown.userCode));
    const done = await untilStatus(server, acme, id, 'success');
    expect(done).toMatchObject({ status: 'success', who: issuer.demoUser.email, done: true });

    const home = await (await get(server, acme, '/')).text();
    expect(home).toContain('data-connected="true"');
    expect(home).toContain(issuer.demoUser.email);
    const stored = await store.load(`acme/${issuer.url}#acme`);
    expect(stored?.refreshToken).toBeTruthy();
  });

  it('calls the API with a token exchanged for the data resource, and shows only its claims', async () => {
    const stored = await store.load(`acme/${issuer.url}#acme`);
    const before = issuer.grants.count('urn:ietf:params:oauth:grant-type:token-exchange');
    const response = await postForm(server, acme, '/api-call');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(issuer.resources.data);
    expect(page).toContain(issuer.demoUser.sub);
    expect(issuer.grants.count('urn:ietf:params:oauth:grant-type:token-exchange')).toBe(before + 1);
    for (const secret of [stored?.accessToken, stored?.refreshToken, stored?.idToken]) {
      expect(page).not.toContain(String(secret));
    }
  });

  it('cancels a device login: the session fails "cancelled" and its pending is gone', async () => {
    const id = await startFlow(server, acme, 'device');
    await untilStatus(server, acme, id, 'code-emitted');
    const cancel = await postForm(server, acme, `/sessions/${id}/cancel`);
    expect(cancel.status).toBe(303);
    expect(await view(server, acme, id)).toMatchObject({ status: 'failed', error: 'cancelled' });
    const page = await (await get(server, acme, '/')).text();
    expect(page).not.toContain(`data-session-id="${id}"`);
  });

  it('disconnects: the refresh token is revoked at the issuer and the tokens are deleted', async () => {
    const stored = await store.load(`acme/${issuer.url}#acme`);
    expect(stored?.refreshToken).toBeTruthy();
    const response = await postForm(server, acme, '/disconnect');
    expect(response.status).toBe(303);
    expect(await store.load(`acme/${issuer.url}#acme`)).toBeUndefined();
    const refresh = await fetch(`${issuer.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'latch-server',
        refresh_token: String(stored?.refreshToken),
      }),
    });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    const home = await (await get(server, acme, '/')).text();
    expect(home).toContain('data-connected="false"');
  });
});
