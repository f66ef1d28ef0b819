import { type Issuer, startIssuer } from '@latch/issuer';
import { expectNoSecrets } from '@latch/test-support';
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
} from './test-support/harness.js';

const PROBES = 10_000;
const CONCURRENCY = 16;

let issuer: Issuer;
let server: DemoServer;
let store: MemoryStore;
let acme: TenantClient;
let globex: TenantClient;
const errors: unknown[] = [];

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  store = new MemoryStore();
  server = await startServer(issuer, {
    tokenStore: store,
    pollLimit: { max: 1_000_000, windowMs: 60_000 },
    onError: (error) => errors.push(error),
  });
  acme = await signIn(server, 'acme');
  globex = await signIn(server, 'globex');
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

describe('cross-tenant probes', () => {
  it(`${PROBES} requests for acme's session and pending ids, signed in as globex: 0 successes`, async () => {
    // acme: one running device login, one running redirect login (whose pending id is in its
    // callback URL), one finished device login.
    const device = await startFlow(server, acme, 'device');
    await untilStatus(server, acme, device, 'code-emitted');
    const redirect = await startFlow(server, acme, 'redirect');
    const shown = await untilStatus(server, acme, redirect, 'url-available');
    const callbackUri = String(new URL(String(shown.authUrl)).searchParams.get('redirect_uri'));
    const pendingId = callbackUri.split('/').pop() as string;
    const callback = await issuer.authorize(String(shown.authUrl));
    const callbackPath = callback.slice(server.url.length);
    const sessionIds = [device, redirect];

    const probes: Array<() => Promise<Response>> = [];
    for (const id of sessionIds) {
      probes.push(
        () => get(server, globex, `/sessions/${id}`),
        () => get(server, globex, `/sessions/${id}/qr.svg`),
        () => get(server, globex, `/sessions/${id}/events`),
        () => postForm(server, globex, `/sessions/${id}/cancel`),
        () => postForm(server, globex, `/sessions/${id}/callback`, { url: callback }),
        () => get(server, globex, `/?session=${id}`),
      );
    }
    probes.push(
      () => get(server, globex, callbackPath),
      () => get(server, globex, `/oob/callback/${pendingId}`),
      () => get(server, undefined, callbackPath),
      () => get(server, undefined, `/sessions/${device}`),
    );
    const canonical = await (await get(server, globex, '/sessions/auth-unknown-id-000000')).text();
    let successes = 0;
    let next = 0;
    const worker = async () => {
      while (next < PROBES) {
        const index = next;
        next += 1;
        const probe = probes[index % probes.length] as () => Promise<Response>;
        const response = await probe();
        const body = await response.text();
        const isPage = response.status === 200 && body.includes('data-tenant="globex"');
        if (isPage) {
          if (body.includes(device) || body.includes(redirect)) successes += 1;
        } else if (response.status !== 404 || body !== canonical) {
          successes += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(successes).toBe(0);

    // acme's logins went on untouched: the redirect completes with acme's own cookie.
    expect((await get(server, acme, `/sessions/${device}`)).status).toBe(200);
    // A fresh code for the same login (the probes' one may outlive the issuer's 60 s code
    // lifetime on a slow machine).
    const fresh = (await issuer.authorize(String(shown.authUrl))).slice(server.url.length);
    expect((await get(server, acme, fresh)).status).toBe(303);
    await untilStatus(server, acme, redirect, 'success');
    await postForm(server, acme, `/sessions/${device}/cancel`);
  }, 120_000);
});

describe('no token on any page', () => {
  it("never shows the tenant's stored tokens in HTML, JSON, SSE or logged errors", async () => {
    const id = await startFlow(server, globex, 'device');
    const shown = await untilStatus(server, globex, id, 'code-emitted');
    await issuer.approveDevice(String(shown.userCode));
    await untilStatus(server, globex, id, 'success');
    const tokens = await store.load(`globex/${issuer.url}#globex`);
    const secrets = [tokens?.accessToken, tokens?.refreshToken, tokens?.idToken].filter(
      (value): value is string => typeof value === 'string',
    );
    expect(secrets.length).toBe(3);
    const bodies = [
      await (await get(server, globex, '/')).text(),
      await (await get(server, globex, `/?session=${id}`)).text(),
      await (await get(server, globex, `/sessions/${id}`)).text(),
      await (await get(server, globex, `/sessions/${id}/events`)).text(),
      await (await postForm(server, globex, '/api-call')).text(),
      await (await get(server, globex, '/static/app.js')).text(),
    ];
    for (const body of bodies) {
      expect(body.length).toBeGreaterThan(0);
      for (const secret of secrets) expect(body).not.toContain(secret);
      expect(body).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    }
    for (const error of errors) expectNoSecrets(error, secrets);
  });
});
