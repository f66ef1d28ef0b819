import { type Issuer, startIssuer } from '@latch/issuer';
import { redisServerAvailable, startRedis, type TestRedis } from '@latch/test-support/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from './create-server.js';
import {
  get,
  postForm,
  signIn,
  startFlow,
  startServer,
  type TenantClient,
  until,
  untilStatus,
  view,
} from './test-support/harness.js';
import { isAlive, processesOfSession } from './test-support/processes.js';

const available = redisServerAvailable('The two-instance tests');

describe.skipIf(!available)('two instances behind one real redis-server', () => {
  let issuer: Issuer;
  let redis: TestRedis;
  let a: DemoServer;
  let b: DemoServer;
  let acme: TenantClient;

  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
    redis = await startRedis();
    a = await startServer(issuer, { redisUrl: redis.url, instanceName: 'a' });
    b = await startServer(issuer, { redisUrl: redis.url, instanceName: 'b' });
    acme = await signIn(a, 'acme'); // the cookie is good on both: they share the secret
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    await issuer?.close();
  });

  it('use Redis, and name themselves', async () => {
    expect([a.storage, b.storage]).toEqual(['redis', 'redis']);
    expect((await get(b, acme, '/')).headers.get('x-latch-instance')).toBe('b');
  });

  it('complete a redirect flow started on A through a callback that lands on B', async () => {
    const id = await startFlow(a, acme, 'redirect');
    const shown = await untilStatus(b, acme, id, 'url-available');
    const callback = await issuer.authorize(String(shown.authUrl));
    const path = callback.slice(a.url.length);
    expect(path.startsWith('/oob/callback/')).toBe(true);
    const landed = await get(b, acme, path);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('x-latch-instance')).toBe('b');
    expect(await view(a, acme, id)).toMatchObject({
      status: 'success',
      who: issuer.demoUser.email,
    });
    expect(await (await get(a, acme, '/')).text()).toContain('data-connected="true"');
    expect((await get(a, acme, path)).status).toBe(404); // consumed, on every instance
  });

  it('stream a session started on A from B over SSE until it succeeds', async () => {
    const id = await startFlow(a, acme, 'device');
    const response = await get(b, acme, `/sessions/${id}/events`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const events: Array<Record<string, unknown>> = [];
    const next = async (status: string) => {
      for (;;) {
        const found = events.find((event) => event.status === status);
        if (found) return found;
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`the stream ended before ${status}`);
        text += decoder.decode(chunk.value, { stream: true });
        for (const match of text.matchAll(/^data: (.*)$/gm)) {
          const event = JSON.parse(match[1] as string) as Record<string, unknown>;
          if (!events.some((seen) => JSON.stringify(seen) === JSON.stringify(event)))
            events.push(event);
        }
      }
    };
    const shown = await next('code-emitted');
    await issuer.approveDevice(String(shown.userCode));
    expect(await next('success')).toMatchObject({ id, who: issuer.demoUser.email, done: true });
    expect((await reader.read()).done).toBe(true);
  });

  it('stop, from B, the CLI child process of a login owned by A', async () => {
    const id = await startFlow(a, acme, 'cli');
    await untilStatus(b, acme, id, 'code-emitted', 30_000);
    const pids = processesOfSession(id);
    expect(pids.length).toBeGreaterThan(0);
    const cancelled = await postForm(b, acme, `/sessions/${id}/cancel`);
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('x-latch-instance')).toBe('b');
    expect(await view(a, acme, id)).toMatchObject({ status: 'failed', error: 'cancelled' });
    // Gone: no process of the login left, and every pid seen is dead (or a zombie).
    await until(async () => processesOfSession(id).length === 0 && !pids.some(isAlive), 20_000);
  }, 60_000);

  it('disconnect on B what was connected through A', async () => {
    expect(await (await get(b, acme, '/')).text()).toContain('data-connected="true"');
    expect((await postForm(b, acme, '/disconnect')).status).toBe(303);
    expect(await (await get(a, acme, '/')).text()).toContain('data-connected="false"');
  });

  it('keep tokens encrypted in Redis; an instance with another secret sees them as unreadable and can replace them', async () => {
    const id = await startFlow(a, acme, 'redirect');
    const shown = await untilStatus(a, acme, id, 'url-available');
    await get(a, acme, (await issuer.authorize(String(shown.authUrl))).slice(a.url.length));
    await untilStatus(a, acme, id, 'success');
    const client = createClient({ url: redis.url });
    client.on('error', () => {});
    await client.connect();
    const other = await startServer(issuer, {
      redisUrl: redis.url,
      cookieSecret: 'another-secret-0123456789abcdef-0123456789',
    });
    try {
      const keys = await client.keys('latch:demo-server:tokens:acme/*');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const value = (await client.get(key)) ?? '';
        expect(value).toMatch(/^v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+$/);
        expect(value).not.toContain('accessToken');
      }
      const acmeThere = await signIn(other, 'acme');
      const page = await (await get(other, acmeThere, '/')).text();
      expect(page).toContain('data-connected="false"');
      expect(page).toContain('could not be read');
      const called = await postForm(other, acmeThere, '/api-call');
      expect(await called.text()).toContain('The stored connection could not be read');
      expect((await postForm(other, acmeThere, '/disconnect')).status).toBe(303);
      expect(await client.keys('latch:demo-server:tokens:acme/*')).toEqual([]);
      expect(await (await get(a, acme, '/')).text()).not.toContain('could not be read');
    } finally {
      await other.close();
      client.destroy();
    }
  });
});
