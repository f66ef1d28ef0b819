import { type Issuer, startIssuer } from '@latch/issuer';
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
let acme: TenantClient;
let globex: TenantClient;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  server = await startServer(issuer);
  acme = await signIn(server, 'acme');
  globex = await signIn(server, 'globex');
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

/** Starts a redirect login and has the demo user approve it: the callback URL the issuer sent. */
async function approvedCallback(client: TenantClient): Promise<{ id: string; callback: string }> {
  const id = await startFlow(server, client, 'redirect');
  const shown = await untilStatus(server, client, id, 'url-available');
  const authUrl = new URL(String(shown.authUrl));
  expect(authUrl.searchParams.get('client_id')).toBe('latch-server');
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authUrl.searchParams.get('redirect_uri')).toMatch(
    new RegExp(`^${server.url}/oob/callback/[A-Za-z0-9_-]{43}$`),
  );
  return { id, callback: await issuer.authorize(authUrl.href) };
}

describe('the redirect flow', () => {
  it('links to the issuer; the callback lands in the tenant that started it, which is connected', async () => {
    const { id, callback } = await approvedCallback(acme);
    expect(callback.startsWith(`${server.url}/oob/callback/`)).toBe(true);
    const landed = await get(server, acme, callback.slice(server.url.length));
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe(`/?session=${id}`);
    expect(await view(server, acme, id)).toMatchObject({
      status: 'success',
      who: issuer.demoUser.email,
    });
    expect(await (await get(server, acme, '/')).text()).toContain('data-connected="true"');
    expect(await (await get(server, globex, '/')).text()).toContain('data-connected="false"');
  });

  it('answers a replayed callback with the one 404', async () => {
    const { callback } = await approvedCallback(acme);
    const path = callback.slice(server.url.length);
    expect((await get(server, acme, path)).status).toBe(303);
    const replay = await get(server, acme, path);
    expect(replay.status).toBe(404);
  });

  it("refuses a callback carried by another tenant's browser, which leaves the login running", async () => {
    const { id, callback } = await approvedCallback(acme);
    const path = callback.slice(server.url.length);
    const foreign = await get(server, globex, path);
    const anonymous = await get(server, undefined, path);
    const unknown = await get(
      server,
      globex,
      '/oob/callback/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    for (const response of [foreign, anonymous]) {
      expect(response.status).toBe(unknown.status);
      expect(await response.text()).toBe(await unknown.clone().text());
    }
    expect((await view(server, acme, id)).status).toBe('url-available');
    expect((await get(server, acme, path)).status).toBe(303);
    expect((await view(server, acme, id)).status).toBe('success');
  });

  it('takes a pasted callback URL', async () => {
    const { id, callback } = await approvedCallback(globex);
    const pasted = await postForm(server, globex, `/sessions/${id}/callback`, { url: callback });
    expect(pasted.status).toBe(303);
    expect((await view(server, globex, id)).status).toBe('success');
  });

  it('refuses a pasted URL with the wrong state, and fails the login', async () => {
    const { id, callback } = await approvedCallback(globex);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state');
    const pasted = await postForm(server, globex, `/sessions/${id}/callback`, { url: forged.href });
    expect(pasted.status).toBe(303);
    expect(await view(server, globex, id)).toMatchObject({
      status: 'failed',
      error: 'the callback was refused',
    });
  });

  it('cancels a redirect login: its callback is a 404 from then on', async () => {
    const { id, callback } = await approvedCallback(acme);
    expect((await postForm(server, acme, `/sessions/${id}/cancel`)).status).toBe(303);
    expect(await view(server, acme, id)).toMatchObject({ status: 'failed', error: 'cancelled' });
    expect((await get(server, acme, callback.slice(server.url.length))).status).toBe(404);
  });

  it('reports a denial at the issuer', async () => {
    const id = await startFlow(server, acme, 'redirect');
    const shown = await untilStatus(server, acme, id, 'url-available');
    const callback = await issuer.authorize(String(shown.authUrl), { deny: true });
    expect((await get(server, acme, callback.slice(server.url.length))).status).toBe(303);
    expect(await view(server, acme, id)).toMatchObject({
      status: 'failed',
      error: 'access denied',
    });
  });
});
