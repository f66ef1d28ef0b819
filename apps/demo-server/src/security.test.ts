import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from './create-server.js';
import { LOGIN_MAX_AGE_SECONDS } from './login-cookie.js';
import {
  get,
  postForm,
  signIn,
  startFlow,
  startServer,
  type TenantClient,
  untilStatus,
} from './test-support/harness.js';

let issuer: Issuer;
let server: DemoServer;
let acme: TenantClient;
let globex: TenantClient;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  server = await startServer(issuer, {
    pollLimit: { max: 1_000, windowMs: 60_000 },
    instanceName: 'alpha',
  });
  acme = await signIn(server, 'acme');
  globex = await signIn(server, 'globex');
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

function login(fields: Record<string, string>, origin: string | undefined = server.url) {
  return fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(origin === undefined ? {} : { origin }),
    },
    body: new URLSearchParams(fields),
  });
}

describe('signing in', () => {
  it('sets a signed, HttpOnly, SameSite=Lax login cookie on Path=/, not Secure on http', async () => {
    const response = await login({ tenant: 'acme', password: 'acme-demo' });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^latch_demo_login=acme\.[A-Za-z0-9_-]{22}\.[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks the login cookie Secure when the server is reached over https', async () => {
    const secure = await startServer(issuer, { publicUrl: 'https://demo.example' });
    try {
      const response = await fetch(`${secure.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: secure.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ tenant: 'acme', password: 'acme-demo' }),
      });
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('refuses a wrong password and an unknown tenant alike', async () => {
    for (const fields of [
      { tenant: 'acme', password: 'globex-demo' },
      { tenant: 'nobody', password: 'acme-demo' },
    ]) {
      const response = await login(fields);
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('ignores a tampered cookie (another tenant named in a cookie signed for acme)', async () => {
    const forged = acme.cookie.replace('latch_demo_login=acme.', 'latch_demo_login=globex.');
    const page = await (await fetch(`${server.url}/`, { headers: { cookie: forged } })).text();
    expect(page).toContain('Sign in to your organisation');
  });

  it('redirects after sign-in only to allow-listed same-origin paths', async () => {
    const cases: Array<[string, string]> = [
      ['/', '/'],
      ['/?flow=cli', '/?flow=cli'],
      ['https://evil.example/', '/'],
      ['//evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['/%2F%2Fevil.example', '/'],
      ['javascript:alert(1)', '/'],
      ['/sessions', '/'],
    ];
    for (const [next, location] of cases) {
      const response = await login({ tenant: 'acme', password: 'acme-demo', next });
      expect(response.headers.get('location'), next).toBe(location);
    }
  });
});

describe('CSRF', () => {
  it('refuses a state change without the synchronizer token, or with another sign-in’s', async () => {
    const missing = await postForm(server, acme, '/sessions', { flow: 'device', _csrf: '' });
    expect(missing.status).toBe(403);
    const foreign = await postForm(server, acme, '/sessions', {
      flow: 'device',
      _csrf: globex.csrf,
    });
    expect(foreign.status).toBe(403);
    const header = await fetch(`${server.url}/disconnect`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.url, cookie: acme.cookie, 'x-csrf-token': acme.csrf },
    });
    expect(header.status).toBe(303);
  });

  it('refuses a form posted from another origin, or with no Origin at all, even with the token', async () => {
    const evil = await postForm(
      server,
      acme,
      '/disconnect',
      {},
      { origin: 'https://evil.example' },
    );
    expect(evil.status).toBe(403);
    const sameSite = await postForm(
      server,
      acme,
      '/disconnect',
      {},
      {
        origin: 'http://127.0.0.1:1',
        'sec-fetch-site': 'same-site',
      },
    );
    expect(sameSite.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: acme.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: acme.csrf }),
    });
    expect(noOrigin.status).toBe(403);
    const crossLogin = await login(
      { tenant: 'acme', password: 'acme-demo' },
      'https://evil.example',
    );
    expect(crossLogin.status).toBe(403);
  });

  it('refuses state changes without a sign-in, and never changes state on GET', async () => {
    const anonymous = await fetch(`${server.url}/sessions`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ flow: 'device' }),
    });
    expect(anonymous.status).toBe(403);
    expect((await get(server, acme, '/sessions')).status).toBe(404);
    expect((await get(server, acme, '/disconnect')).status).toBe(404);
  });
});

describe('the sign-in', () => {
  it('ends when its signed time does, whatever the browser keeps', async () => {
    let now = Date.now();
    const clocked = await startServer(issuer, { now: () => now, instanceName: 'clocked' });
    try {
      const tenant = await signIn(clocked, 'acme');
      expect(await (await get(clocked, tenant, '/')).text()).toContain(tenant.csrf);
      now += LOGIN_MAX_AGE_SECONDS * 1000 - 1_000;
      expect((await get(clocked, tenant, '/')).status).toBe(200);
      expect(await (await get(clocked, tenant, '/')).text()).toContain(tenant.csrf);
      now += 2_000;
      const page = await (await get(clocked, tenant, '/')).text();
      expect(page).not.toContain(tenant.csrf);
      expect(page).toContain('name="password"');
      const refused = await postForm(clocked, tenant, '/sessions', { flow: 'device' });
      expect(refused.status).toBe(403);
    } finally {
      await clocked.close();
    }
  });

  it('refuses every attempt of an address and tenant once its failed sign-ins are used up', async () => {
    let now = Date.UTC(2030, 0, 1);
    const limited = await startServer(issuer, {
      now: () => now,
      signInLimit: { max: 2, windowMs: 60_000 },
    });
    const attempt = (tenant: string, password: string) =>
      fetch(`${limited.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: limited.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ tenant, password }),
      });
    try {
      expect((await attempt('acme', 'wrong-1')).status).toBe(401);
      expect((await attempt('acme', 'acme-demo')).status).toBe(303); // a success is not counted
      expect((await attempt('acme', 'wrong-2')).status).toBe(401);
      const refused = await attempt('acme', 'acme-demo'); // the right password, too late
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect(await refused.text()).toContain('Too many failed sign-ins');
      expect((await attempt('globex', 'globex-demo')).status).toBe(303); // another tenant
      now += 60_000;
      expect((await attempt('acme', 'acme-demo')).status).toBe(303);
    } finally {
      await limited.close();
    }
  });
});

describe('headers', () => {
  it('sends a strict CSP and names the instance', async () => {
    const response = await get(server, acme, '/');
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(response.headers.get('x-latch-instance')).toBe('alpha');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await response.text();
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/style=/);
  });
});

/** Asserts the short security header set of the answers that are not documents. */
function expectApiSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-latch-instance')).toBe('alpha');
}

describe('headers of the session routes', () => {
  it('lets nothing load, run or frame in the status JSON and the QR code (an SVG opened alone included)', async () => {
    const id = await startFlow(server, acme, 'device');
    await untilStatus(server, acme, id, 'code-emitted');
    for (const path of [`/sessions/${id}`, `/sessions/${id}/qr.svg`]) {
      const response = await get(server, acme, path);
      expect(response.status).toBe(200);
      expectApiSecurityHeaders(response);
    }
    await postForm(server, acme, `/sessions/${id}/cancel`, {});
  });

  it('sends them on every other answer of the status route, which writes its own, and on unknown routes', async () => {
    const unknownId = '/sessions/auth-AAAAAAAAAAAAAAAAAAAAAA';
    const answers = [
      await get(server, acme, unknownId), // signed in, unknown id
      await fetch(`${server.url}${unknownId}`), // not signed in
      await fetch(`${server.url}${unknownId}?x=1`, { method: 'HEAD' }),
      await get(server, acme, '/no-such-page'),
      await get(server, acme, '/sessions/a/b/c'),
    ];
    for (const response of answers) {
      expect(response.status).toBe(404);
      expectApiSecurityHeaders(response);
    }
  });

  it('keeps the server-written headers on targets that only look like a status path (dot segments)', async () => {
    // Sent as they are (fetch would normalise them): @hono/node-server turns each into `/`,
    // whose page writes no security header of its own.
    for (const path of ['/sessions/..', '/sessions/%2e%2e', '/sessions/.%2E?x=1']) {
      const answer = await rawGet(server.url, path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });
});

describe('cross-tenant access', () => {
  it('answers another tenant’s session id exactly like an unknown one, on every route', async () => {
    const id = await startFlow(server, acme, 'device');
    await untilStatus(server, acme, id, 'code-emitted');
    const unknown = 'auth-AAAAAAAAAAAAAAAAAAAAAA';
    const routes = (sid: string) => [
      get(server, globex, `/sessions/${sid}`),
      get(server, globex, `/sessions/${sid}/events`),
      get(server, globex, `/sessions/${sid}/qr.svg`),
      postForm(server, globex, `/sessions/${sid}/cancel`),
      postForm(server, globex, `/sessions/${sid}/callback`, { url: 'http://x/' }),
    ];
    const foreign = await Promise.all(routes(id));
    const missing = await Promise.all(routes(unknown));
    for (const [index, response] of foreign.entries()) {
      const twin = missing[index] as Response;
      expect(response.status).toBe(404);
      expect(twin.status).toBe(404);
      const headers = (r: Response) =>
        [...r.headers.entries()].filter(([name]) => name !== 'date').sort();
      expect(headers(response)).toEqual(headers(twin));
      expect(await response.text()).toBe(await twin.text());
    }
    expect((await get(server, acme, `/sessions/${id}`)).status).toBe(200);
    await postForm(server, acme, `/sessions/${id}/cancel`);
  });
});

describe('the polling rate limit', () => {
  it('answers 429 with Retry-After once a tenant used its window, other tenants unaffected', async () => {
    let now = Date.UTC(2030, 0, 1);
    const limited = await startServer(issuer, {
      pollLimit: { max: 3, windowMs: 10_000 },
      now: () => now,
    });
    try {
      const a = await signIn(limited, 'acme');
      const b = await signIn(limited, 'globex');
      const id = await startFlow(limited, a, 'device');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await get(limited, a, `/sessions/${id}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await get(limited, a, `/sessions/${id}`);
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(refused.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await get(limited, b, '/sessions/auth-AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
      now += 10_000;
      expect((await get(limited, a, `/sessions/${id}`)).status).toBe(200);
      await postForm(limited, a, `/sessions/${id}/cancel`);
    } finally {
      await limited.close();
    }
  });
});

/** A GET with its target sent exactly as given. */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}/`, { path, method: 'GET' }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}
