import { fileURLToPath } from 'node:url';
import { readmeExample } from '@latch/test-support';
import { redisServerAvailable, startRedis, type TestRedis } from '@latch/test-support/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStore } from './redis.js';
import { type LoginState, startOobServer } from './usage.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('README example: usage', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(packageDir, 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('lands each callback in its own tenant, once', async () => {
    const connected: [string, LoginState][] = [];
    const app = await startOobServer((tenant, state) => connected.push([tenant, state]));
    try {
      const a = await app.startLogin('tenant-a', 'github.com');
      const b = await app.startLogin('tenant-b', 'gitlab.com');
      expect(new URL(a.callbackUrl).pathname).toBe(`/oob/callback/${a.pending.id}`);

      const first = await fetch(a.callbackUrl);
      expect(first.status).toBe(200);
      expect(await first.text()).toBe('Connected. You can close this tab.');
      expect(connected).toEqual([
        ['tenant-a', { provider: 'github.com', returnTo: '/tenants/tenant-a/accounts' }],
      ]);
      expect((await fetch(a.callbackUrl)).status).toBe(404);
      expect(await app.openLogins('tenant-a')).toEqual([]);
      expect((await app.openLogins('tenant-b')).map((p) => p.id)).toEqual([b.pending.id]);
    } finally {
      await app.close();
    }
  });
});

const available = redisServerAvailable('The usage example');

describe.skipIf(!available)('README example: redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('is the code the README shows', async () => {
    const shown = await readmeExample(packageDir, 'redis');
    expect(shown.readme).toBe(shown.file);
  });

  it('lets a callback on one instance finish a login another instance started', async () => {
    const one = await sharedStore<LoginState>(redis.url);
    const two = await sharedStore<LoginState>(redis.url);
    const connected: string[] = [];
    const starter = await startOobServer(() => connected.push('starter'), one.store);
    const other = await startOobServer((tenant) => connected.push(tenant), two.store);
    try {
      const { pending } = await starter.startLogin('tenant-a', 'github.com');
      // The callback reaches the other instance.
      const otherUrl = (await other.startLogin('tenant-z', 'x')).callbackUrl.replace(
        /[^/]+$/,
        pending.id,
      );
      expect((await fetch(otherUrl)).status).toBe(200);
      expect(connected).toEqual(['tenant-a']);
      const raw = await createClient({ url: redis.url }).connect();
      try {
        const keys = await raw.keys('{myapp:oob}:*');
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) expect(await raw.pTTL(key)).toBeGreaterThan(0);
      } finally {
        raw.destroy();
      }
    } finally {
      await Promise.all([starter.close(), other.close()]);
      await Promise.all([one.close(), two.close()]);
    }
  });
});
