import { connect, type Socket } from 'node:net';
import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { followCallback, rawGet, rawRequest } from './test-support/http.js';
import { codeGrantCalls } from './test-support/issuer.js';
import { pendingLogin } from './test-support/login.js';

/** What an abusive request is built from: the real callback the issuer sent, taken apart. */
interface Real {
  readonly state: string;
  readonly code: string;
  readonly iss: string;
  /** The real query, `code=…&state=…&iss=…`. */
  readonly query: string;
}

interface AbuseCase {
  readonly name: string;
  readonly status: number;
  readonly request: (real: Real) => { method?: string; target: string; host?: string };
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

const CASES: readonly AbuseCase[] = [
  {
    name: 'a wrong state',
    status: 400,
    request: (r) => ({ target: `/callback?${q({ code: r.code, state: 'x', iss: r.iss })}` }),
  },
  {
    name: 'a missing state',
    status: 400,
    request: (r) => ({ target: `/callback?${q({ code: r.code, iss: r.iss })}` }),
  },
  {
    name: 'a duplicated state',
    status: 400,
    request: (r) => ({ target: `/callback?${r.query}&${q({ state: r.state })}` }),
  },
  {
    name: 'a code together with an error',
    status: 400,
    request: (r) => ({ target: `/callback?${r.query}&error=access_denied` }),
  },
  {
    name: 'a wrong iss',
    status: 400,
    request: (r) => ({
      target: `/callback?${q({ code: r.code, state: r.state, iss: 'http://127.0.0.1:1' })}`,
    }),
  },
  {
    name: 'a missing iss from an issuer that always sends it',
    status: 400,
    request: (r) => ({ target: `/callback?${q({ code: r.code, state: r.state })}` }),
  },
  { name: 'a wrong path', status: 404, request: (r) => ({ target: `/other?${r.query}` }) },
  { name: '/favicon.ico', status: 404, request: () => ({ target: '/favicon.ico' }) },
  {
    name: 'a POST',
    status: 405,
    request: (r) => ({ method: 'POST', target: `/callback?${r.query}` }),
  },
  {
    name: 'a HEAD',
    status: 405,
    request: (r) => ({ method: 'HEAD', target: `/callback?${r.query}` }),
  },
  {
    name: 'an 8 KiB query',
    status: 414,
    request: (r) => ({ target: `/callback?${r.query}&pad=${'a'.repeat(8192)}` }),
  },
  {
    name: 'bad percent-encoding',
    status: 400,
    request: (r) => ({
      target: `/callback?${q({ state: r.state, iss: r.iss })}&code=${r.code}%zz`,
    }),
  },
  {
    name: 'invalid UTF-8 in the code',
    status: 400,
    request: (r) => ({
      target: `/callback?${q({ state: r.state, iss: r.iss })}&code=${r.code}%E0%A4%A`,
    }),
  },
  {
    name: 'a forged error= without a state',
    status: 400,
    request: (r) => ({ target: `/callback?${q({ error: 'access_denied', iss: r.iss })}` }),
  },
  {
    name: 'a forged error= with a wrong state',
    status: 400,
    request: (r) => ({
      target: `/callback?${q({ error: 'access_denied', state: 'guess', iss: r.iss })}`,
    }),
  },
  {
    name: 'the right callback sent through a foreign Host (DNS rebinding)',
    status: 400,
    request: (r) => ({ target: `/callback?${r.query}`, host: 'attacker.example' }),
  },
];

describe('the loopback login under abuse', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
  });
  afterAll(() => issuer.close());
  afterEach(() => issuer.grants.reset());

  it.each(CASES)('refuses $name, stays pending, redeems nothing, then completes', async (abuse) => {
    const pending = await pendingLogin(issuer);
    const redirect = new URL(await issuer.authorize(pending.url));
    const params = redirect.searchParams;
    const real: Real = {
      state: params.get('state') ?? '',
      code: params.get('code') ?? '',
      iss: params.get('iss') ?? '',
      query: redirect.search.slice(1),
    };
    expect(real.iss).toBe(issuer.url);

    const { method = 'GET', target, host } = abuse.request(real);
    const response = host
      ? await rawRequest(
          pending.host,
          pending.port,
          `${method} ${target} HTTP/1.1\r\nHost: ${host}:${pending.port}\r\nConnection: close\r\n\r\n`,
        )
      : await rawGet(pending.host, pending.port, target, method);
    expect(response.status).toBe(abuse.status);
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    if (method !== 'HEAD') expect(response.body).not.toContain(real.code);
    expect(await pending.login.isPending()).toBe(true);
    expect(codeGrantCalls(issuer)).toBe(0);

    await followCallback(redirect.href);
    await expect(pending.login.promise).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(issuer.grants.count('authorization_code')).toBe(1);
  });

  it('survives 1000 junk requests, 200 idle sockets and a header trickled at 1 byte/s, then completes', async () => {
    const pending = await pendingLogin(issuer, { headersTimeoutMs: 1000 });
    const { host, port } = pending;

    const idle = await Promise.all(Array.from({ length: 200 }, () => openSocket(host, port)));
    const trickles = [trickleHeader(host, port, 1000), trickleHeader(host, port, 300)];
    const junk = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        rawGet(host, port, i % 2 === 0 ? `/callback?state=junk${i}&code=c` : `/x${i}`).then(
          (response) => String(response.status),
          (error: NodeJS.ErrnoException) => error.code ?? 'error',
        ),
      ),
    );
    // Past the listen backlog the kernel itself resets some connections; every other one
    // is refused by the server. None is ever taken as a callback.
    const outcomes = new Set(junk);
    for (const outcome of outcomes) expect(['400', '404', 'ECONNRESET']).toContain(outcome);
    expect(junk.filter((outcome) => outcome !== 'ECONNRESET').length).toBeGreaterThan(500);
    expect(await pending.login.isPending()).toBe(true);
    expect(codeGrantCalls(issuer)).toBe(0);

    // The header timeout cuts the trickles, at 1 byte/s and at 1 byte per 300 ms.
    for (const cut of await Promise.all(trickles)) {
      expect(cut.cutByServer).toBe(true);
      expect(cut.elapsedMs).toBeLessThan(6000);
    }
    // The same limit closes the silent sockets.
    const silentClosed = Promise.all(
      idle.map(
        (socket) => socket.closed || new Promise((resolve) => socket.once('close', resolve)),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise((resolve) => {
      timer = setTimeout(resolve, 5000, 'still open');
    });
    expect(await Promise.race([silentClosed.then(() => 'closed'), bound])).toBe('closed');
    clearTimeout(timer);

    const redirect = await issuer.authorize(pending.url);
    await followCallback(redirect);
    await expect(pending.login.promise).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(issuer.grants.count('authorization_code')).toBe(1);
  });
});

function openSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.on('error', () => {});
    // Flowing, so the client notices when the server hangs up.
    socket.resume();
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends a request header one byte at a time until the server hangs up (or 8 s pass). */
function trickleHeader(host: string, port: number, everyMs: number) {
  const header = `GET /callback?code=c&state=s HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`;
  return new Promise<{ cutByServer: boolean; bytesSent: number; elapsedMs: number }>((resolve) => {
    const start = performance.now();
    let sent = 0;
    let gaveUp = false;
    const socket = connect({ host, port });
    socket.resume();
    const timer = setInterval(() => {
      if (sent < header.length && !socket.destroyed) socket.write(header[sent++] ?? '');
    }, everyMs);
    const giveUp = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, 8000);
    socket.on('error', () => {});
    socket.once('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ cutByServer: !gaveUp, bytesSent: sent, elapsedMs: performance.now() - start });
    });
  });
}
