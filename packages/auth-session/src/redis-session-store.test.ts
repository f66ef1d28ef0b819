import { redisServerAvailable, startRedis, type TestRedis } from '@latch/test-support/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthSessionManager } from './auth-session-manager.js';
import type { PollResult } from './auth-session-status.js';
import { childProcessDriver } from './child-process-driver.js';
import { RedisSessionStore } from './redis-session-store.js';
import { newSessionRecord } from './reduce-session.js';
import { SessionConflictError } from './session-conflict-error.js';
import { fakeCli, killQuietly, pidsIn, waitGone } from './test-support/processes.js';
import { until } from './test-support/wait.js';

const runRedis = redisServerAvailable('The RedisSessionStore tests');
type Client = ReturnType<typeof createClient>;

let server: TestRedis;
const clients: Client[] = [];
const spawned: number[] = [];

async function connect(): Promise<Client> {
  const client = createClient({ url: server.url });
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

/** One server instance: its own two connections, its own manager. */
async function instance(actions: string[], prefix: string, finishedTtlMs = 60_000) {
  const client = await connect();
  const subscriber = await connect();
  const store = new RedisSessionStore({ client, subscriber, keyPrefix: prefix });
  const manager = new AuthSessionManager({
    store,
    finishedTtlMs,
    providers: {
      cli: childProcessDriver({
        command: fakeCli(...actions),
        confirm: async () => ({ bundleId: 'b-1' }),
      }),
    },
  });
  return { client, store, manager };
}

describe.skipIf(!runRedis)('RedisSessionStore against a real redis-server', () => {
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    killQuietly(spawned);
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
    await server?.stop();
  });

  it('a poll on instance B sees A’s state; B’s subscribers get A’s changes', async () => {
    const a = await instance(
      ['say=Open https://a.example/oauth/authorize?state=s', 'await-paste', 'say=Logged in as ada'],
      't1:',
    );
    const b = await instance([], 't1:');
    try {
      const id = await a.manager.start('cli', { intoBundleId: 'into-1' });
      const seen: PollResult[] = [];
      b.manager.subscribe(id, (poll) => seen.push(poll));
      await until(async () => (await b.manager.poll(id))?.status === 'url-available');
      expect(await b.manager.poll(id)).toEqual({
        providerId: 'cli',
        status: 'url-available',
        authUrl: 'https://a.example/oauth/authorize?state=s',
      });
      // The paste lands on B; A owns the child and writes it to its stdin.
      expect(
        await b.manager.submitCallbackUrl(id, 'http://127.0.0.1:9/callback?code=c0de&state=s'),
      ).toBe(true);
      await until(async () => (await b.manager.poll(id))?.status === 'success');
      expect(await b.manager.transcript(id)).toContain('got callback state=s');
      await until(() => seen.at(-1)?.status === 'success');
      expect(seen.map((poll) => poll.status)).toEqual(['url-available', 'success']);
    } finally {
      await Promise.all([a.manager.close(), b.manager.close()]);
    }
  });

  it('a cancel on instance B stops the child process A runs, and its grandchild', async () => {
    const a = await instance(['pid', 'grandchild', 'hang'], 't2:');
    const b = await instance([], 't2:');
    try {
      const id = await a.manager.start('cli');
      const pids = await until(async () => {
        const transcript = (await b.manager.transcript(id)) ?? [];
        const found = [...pidsIn(transcript, 'pid'), ...pidsIn(transcript, 'grandchild')];
        return found.length === 2 ? found : undefined;
      });
      spawned.push(...pids);
      expect(await b.manager.cancel(id)).toBe(true);
      await waitGone(pids, 5_000);
      expect(await a.manager.poll(id)).toMatchObject({ status: 'failed', error: 'cancelled' });
    } finally {
      await Promise.all([a.manager.close(), b.manager.close()]);
    }
  });

  it('puts a TTL on every key: deadline + finished TTL while running, the finished TTL after', async () => {
    const a = await instance(['hang'], 't3:', 400);
    try {
      const id = await a.manager.start('cli');
      const key = a.store.keyOf(id);
      const running = Number(await a.client.sendCommand(['PTTL', key]));
      expect(running).toBeGreaterThan(600_000);
      expect(running).toBeLessThanOrEqual(600_400);
      await a.manager.cancel(id);
      const finished = Number(await a.client.sendCommand(['PTTL', key]));
      expect(finished).toBeGreaterThan(0);
      expect(finished).toBeLessThanOrEqual(400);
      await until(async () => Number(await a.client.sendCommand(['EXISTS', key])) === 0, 3_000);
      expect(await a.manager.poll(id)).toBeUndefined();
    } finally {
      await a.manager.close();
    }
  });

  it('ends a session exactly once under 100 concurrent finishes from two instances', async () => {
    const a = await instance(['hang'], 't4:');
    const b = await instance([], 't4:');
    try {
      const id = await a.manager.start('cli');
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 === 0 ? a : b).manager.finishFailure(id, `failure ${i}`),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await b.manager.poll(id)).toMatchObject({
        status: 'failed',
        error: `failure ${winner}`,
      });
    } finally {
      await Promise.all([a.manager.close(), b.manager.close()]);
    }
  });

  it('gives up with SessionConflictError when the record keeps changing', async () => {
    const client = await connect();
    const store = new RedisSessionStore({
      client,
      subscriber: await connect(),
      keyPrefix: 't5:',
      maxAttempts: 3,
    });
    const record = newSessionRecord({
      id: 'auth-c',
      providerId: 'p',
      intoBundleId: undefined,
      ownerId: 'i',
      now: 0,
      timeoutMs: 1,
    });
    await store.create(record, 60_000);
    await expect(store.create(record, 60_000)).rejects.toThrow(TypeError);
    let bump = 0;
    const error = await store
      .update('auth-c', (current) => {
        // Another writer changes the record between our read and our write, every time.
        void client.sendCommand([
          'SET',
          store.keyOf('auth-c'),
          JSON.stringify({ ...current, version: 1000 + ++bump }),
          'PX',
          '60000',
        ]);
        return { record: { ...current, version: current.version + 1 }, ttlMs: 60_000 };
      })
      .catch((caught: unknown) => caught);
    expect(SessionConflictError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'session_conflict', attempts: 3 });
    expect(await store.update('auth-none', () => undefined)).toBeUndefined();
    expect(await store.delete('auth-c')).toBe(true);
    expect(await store.get('auth-c')).toBeUndefined();
  });
});
