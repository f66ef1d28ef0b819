import { fileURLToPath } from 'node:url';
import { readmeExample } from '@latch/test-support';
import { redisServerAvailable, startRedis, type TestRedis } from '@latch/test-support/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, SECRET_TOKENS } from '../src/test-support/secrets.js';
import { sharedTokenStore } from './redis.js';

const available = redisServerAvailable('The Redis usage example');
const ACCOUNT = 'tenant-a/https://login.example.com#default';

describe.skipIf(!available)('README example: redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'redis');
    expect(shown.readme).toBe(shown.file);
  });

  it('shares encrypted tokens between instances, and survives a secret rotation', async () => {
    const one = await sharedTokenStore(redis.url, 'first secret of the server');
    const two = await sharedTokenStore(redis.url, 'first secret of the server');
    const rotated = await sharedTokenStore(
      redis.url,
      'second secret of the server',
      'first secret of the server',
    );
    const raw = await createClient({ url: redis.url }).connect();
    try {
      await one.store.save(ACCOUNT, SECRET_TOKENS);
      expect(await two.store.load(ACCOUNT)).toEqual(SECRET_TOKENS);
      const before = (await raw.get(`myapp:tokens:${ACCOUNT}`)) ?? '';
      expect(before).toMatch(/^v1\./);
      for (const secret of Object.values(SECRET)) expect(before).not.toContain(secret);

      expect(await rotated.store.update(ACCOUNT, (current) => current)).toEqual(SECRET_TOKENS);
      const after = (await raw.get(`myapp:tokens:${ACCOUNT}`)) ?? '';
      expect(after.split('.')[1]).not.toBe(before.split('.')[1]); // now under the new key
      expect(await one.store.load(ACCOUNT).catch((error: unknown) => error)).toMatchObject({
        code: 'corrupt_store',
        reason: 'wrong_key',
      });
    } finally {
      raw.destroy();
      await Promise.all([one.close(), two.close(), rotated.close()]);
    }
  });
});
