import { expectNoSecrets, rejectionOf } from '@latch/test-support';
import { redisServerAvailable, startRedis, type TestRedis } from '@latch/test-support/redis';
import fc from 'fast-check';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OobStoreFailedError } from './errors.js';
import { RedisStore } from './redis-store.js';
import { freshId, makePending, type TestData } from './test-support/fixtures.js';
import { manualClock } from './test-support/manual-clock.js';
import { storeContract } from './test-support/store-contract.js';
import { checkHistory, historyArbitrary } from './test-support/store-properties.js';

type Client = Awaited<ReturnType<typeof connect>>;

async function connect(url: string, resp: 2 | 3 = 2) {
  const client = createClient({ url, RESP: resp });
  client.on('error', () => {});
  return client.connect();
}

const available = redisServerAvailable('The RedisStore tests');

describe.skipIf(!available)('RedisStore against a real redis-server', () => {
  let redis: TestRedis;
  let one: Client;
  let two: Client;

  beforeAll(async () => {
    redis = await startRedis();
    one = await connect(redis.url);
    two = await connect(redis.url, 3);
  });

  afterAll(async () => {
    for (const client of [one, two]) if (client?.isOpen) client.destroy();
    await redis?.stop();
  });

  /** Two instances (a RESP2 and a RESP3 client) sharing a fresh key prefix. */
  function pair(now: () => number, keyPrefix = `test:${freshId()}`) {
    return {
      a: new RedisStore<TestData>(one, { now, keyPrefix }),
      b: new RedisStore<TestData>(two, { now, keyPrefix }),
      keyPrefix,
    };
  }

  async function keysOf(keyPrefix: string): Promise<string[]> {
    return (await one.keys(`{${keyPrefix}}:*`)).sort();
  }

  describe('the store contract, across two clients', () => {
    storeContract((now) => pair(now));
  });

  it('keeps the invariants under random histories', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, (history) => checkHistory((now) => pair(now).a, history)),
      { numRuns: 40 },
    );
  });

  it('puts a TTL on every key: entries until their expiry, indexes until their latest', async () => {
    const clock = manualClock(Date.now());
    const { a, keyPrefix } = pair(clock.now);
    const pendings = [
      makePending('tenant-a', clock.now(), 30_000),
      makePending('tenant-a', clock.now(), 90_000),
      makePending('tenant-b', clock.now(), 60_000),
    ];
    for (const p of pendings) await a.put(p);
    const keys = await keysOf(keyPrefix);
    expect(keys).toHaveLength(5);
    for (const key of keys) {
      const pttl = await one.pTTL(key);
      expect(pttl, key).toBeGreaterThan(0);
    }
    const ttl = async (key: string) => one.pTTL(`{${keyPrefix}}:${key}`);
    expect(await ttl(`p:${pendings[0]?.id}`)).toBeLessThanOrEqual(30_000);
    expect(await ttl(`p:${pendings[0]?.id}`)).toBeGreaterThan(20_000);
    expect(await ttl('ns:tenant-a')).toBeGreaterThan(80_000);
    expect(await ttl('ns:tenant-a')).toBeLessThanOrEqual(90_000);
    expect(await ttl('ns:tenant-b')).toBeLessThanOrEqual(60_000);
  });

  it('leaves no key behind once abandoned pendings expire', async () => {
    const { a, keyPrefix } = pair(Date.now);
    for (let i = 0; i < 20; i++) await a.put(makePending(`tenant-${i % 3}`, Date.now(), 150));
    expect((await keysOf(keyPrefix)).length).toBe(23);
    const deadline = Date.now() + 5_000;
    while ((await keysOf(keyPrefix)).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await keysOf(keyPrefix)).toEqual([]);
  });

  it('removes the entry and its index member on complete, cancel and clear', async () => {
    const clock = manualClock(Date.now());
    const { a, b, keyPrefix } = pair(clock.now);
    const [x, y, z] = [1, 2, 3].map(() => makePending('tenant-a', clock.now()));
    for (const p of [x, y, z]) await a.put(p as never);
    await b.complete('tenant-a', x?.id as string);
    await b.cancel('tenant-a', y?.id as string);
    expect(await one.zRange(`{${keyPrefix}}:ns:tenant-a`, 0, -1)).toEqual([z?.id]);
    await b.clearNamespace('tenant-a');
    expect(await keysOf(keyPrefix)).toEqual([]);
  });

  it('cleans the namespace index lazily of expired and vanished ids', async () => {
    const clock = manualClock(Date.now());
    const { a, keyPrefix } = pair(clock.now);
    const index = `{${keyPrefix}}:ns:tenant-a`;
    const expiring = makePending('tenant-a', clock.now(), 1_000);
    const vanished = makePending('tenant-a', clock.now());
    const kept = makePending('tenant-a', clock.now());
    for (const p of [expiring, vanished, kept]) await a.put(p);
    await one.del(`{${keyPrefix}}:p:${vanished.id}`);
    clock.advance(1_000);
    expect((await a.listNamespace('tenant-a')).map((p) => p.id)).toEqual([kept.id]);
    expect(await one.zRange(index, 0, -1)).toEqual([kept.id]);
  });

  it('lets another instance complete what one created (shared pendings)', async () => {
    const clock = manualClock(Date.now());
    const keyPrefix = `test:${freshId()}`;
    const three = await connect(redis.url);
    try {
      const instance1 = new RedisStore<TestData>(one, { now: clock.now, keyPrefix });
      const instance2 = new RedisStore<TestData>(three, { now: clock.now, keyPrefix });
      const pending = makePending('tenant-a', clock.now());
      await instance1.put(pending);
      expect(await instance2.lookup(pending.id)).toEqual(pending);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 ? instance1 : instance2).complete('tenant-a', pending.id),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      three.destroy();
    }
  });

  it('reloads its scripts after SCRIPT FLUSH', async () => {
    const clock = manualClock(Date.now());
    const { a } = pair(clock.now);
    const pending = makePending('tenant-a', clock.now());
    await a.put(pending);
    await one.scriptFlush();
    expect(await a.get('tenant-a', pending.id)).toEqual(pending);
    expect(await a.complete('tenant-a', pending.id)).toEqual(pending);
  });

  it('reports a record it did not write as a store failure', async () => {
    const { a, keyPrefix } = pair(Date.now);
    const id = freshId();
    await one.hSet(`{${keyPrefix}}:p:${id}`, { ns: 'tenant-a', exp: '99999999999999', v: '{oops' });
    const error = await rejectionOf(a.get('tenant-a', id));
    expect(OobStoreFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'oob_store_failed', operation: 'get' });
    await one.del(`{${keyPrefix}}:p:${id}`);
  });

  it('wraps a failing client in OobStoreFailedError, cause chained, no id or data in it', async () => {
    const closed = await connect(redis.url);
    closed.destroy();
    const store = new RedisStore<TestData>(closed);
    const secret = 'SENTINEL-USER-CODE-41d9';
    const pending = makePending('tenant-a', Date.now(), 60_000, { data: { userCode: secret } });
    for (const [operation, action] of [
      ['put', () => store.put(pending)],
      ['complete', () => store.complete('tenant-a', pending.id)],
      ['listNamespace', () => store.listNamespace('tenant-a')],
    ] as const) {
      const error = await rejectionOf(action);
      expect(OobStoreFailedError.isInstance(error), operation).toBe(true);
      expect(error).toMatchObject({ operation });
      expect((error as Error).cause).toBeInstanceOf(Error);
      expectNoSecrets(error, [secret, pending.id]);
    }
  });

  it('rejects bad constructor arguments with a TypeError', () => {
    expect(() => new RedisStore({} as never)).toThrow(TypeError);
    expect(() => new RedisStore(one, { keyPrefix: '' })).toThrow(TypeError);
    expect(() => new RedisStore(one, { keyPrefix: 'a{b}' })).toThrow(TypeError);
    expect(() => new RedisStore(one, { now: 5 as never })).toThrow(TypeError);
  });
});
