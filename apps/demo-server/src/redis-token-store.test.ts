import type { TokenSet } from '@latch/core';
import { redisServerAvailable, startRedis, type TestRedis } from '@latch/test-support/redis';
import { CorruptStoreError } from '@latch/tokenstore';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from './redis-token-store.js';
import { TokenStoreConflictError } from './token-store-conflict-error.js';

const available = redisServerAvailable('The Redis token store tests');
const TOKENS: TokenSet = {
  accessToken: 'at-1',
  tokenType: 'Bearer',
  refreshToken: 'rt-1',
  expiresAt: 5,
};

describe.skipIf(!available)('RedisTokenStore against a real redis-server', () => {
  let redis: TestRedis;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    redis = await startRedis();
    client = createClient({ url: redis.url });
    client.on('error', () => {});
    await client.connect();
  });
  afterAll(async () => {
    if (client?.isOpen) client.destroy();
    await redis?.stop();
  });

  it('saves, loads and deletes token sets, keeping only their fields', async () => {
    const store = new RedisTokenStore(client, { keyPrefix: 't1:' });
    await store.save('acme/k', { ...TOKENS, extra: 'dropped' } as TokenSet);
    expect(await store.load('acme/k')).toEqual(TOKENS);
    expect(await client.get('t1:acme/k')).not.toContain('dropped');
    await store.delete('acme/k');
    expect(await store.load('acme/k')).toBeUndefined();
  });

  it('updates atomically: of concurrent updates, none is lost', async () => {
    const store = new RedisTokenStore(client, { keyPrefix: 't2:' });
    await store.save('k', { ...TOKENS, scope: '' });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.update('k', (current) => ({
          ...(current as TokenSet),
          scope: `${current?.scope} ${i}`.trim(),
        })),
      ),
    );
    const scopes = ((await store.load('k'))?.scope ?? '').split(' ').sort();
    expect(scopes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(await store.update('k', () => undefined)).toBeUndefined();
    expect(await store.load('k')).toBeUndefined();
  });

  it('gives up with a TokenStoreConflictError when the entry changes under every attempt', async () => {
    const store = new RedisTokenStore(client, { keyPrefix: 't4:', maxAttempts: 2 });
    await store.save('k', TOKENS);
    let calls = 0;
    const error = await store
      .update('k', async (current) => {
        calls += 1;
        await client.set('t4:k', JSON.stringify({ ...TOKENS, scope: `other ${calls}` }));
        return { ...(current as TokenSet), scope: 'mine' };
      })
      .catch((e: unknown) => e);
    expect(TokenStoreConflictError.isInstance(error)).toBe(true);
    expect(calls).toBe(2);
    expect((await store.load('k'))?.scope).toBe('other 2');
  });

  it('reports a foreign value as a corrupt store, without its content', async () => {
    const store = new RedisTokenStore(client, { keyPrefix: 't3:' });
    await client.set('t3:k', '{"secret":"SENTINEL-VALUE"}');
    const error = await store.load('k').catch((e: unknown) => e);
    expect(CorruptStoreError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('SENTINEL');
  });
});
