import { randomBytes } from 'node:crypto';
import { AbortError, type TokenSet } from '@latch/core';
import { redisServerAvailable, startRedis, type TestRedis } from '@latch/test-support/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptStoreError, isTokenStoreError, TokenStoreConflictError } from './errors.js';
import { redisKeyId } from './redis-entry.js';
import { RedisTokenStore } from './redis-token-store.js';
import type { RedisTokenClient } from './redis-token-store-options.js';
import { expectNoSecrets, rejectionOf, SECRET, SECRET_TOKENS } from './test-support/secrets.js';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const ACCOUNT = 'https://login.example.com#work';

/** Every spelling of the keys and tokens that must never reach an error or a Redis value. */
const SECRETS = [
  ...Object.values(SECRET),
  ...[KEY_A, KEY_B].flatMap((key) => [key.toString('hex'), key.toString('base64')]),
];

/** A client that fails every command: argument checks must fail before any is sent. */
const refusing: RedisTokenClient = {
  sendCommand: async () => {
    throw new Error('a command was sent');
  },
};

describe('RedisTokenStore arguments', () => {
  it('throws TypeError for a bad account key or updater before sending anything', async () => {
    const store = new RedisTokenStore(refusing, { encryptionKey: KEY_A });
    for (const key of ['', 'x'.repeat(513), 'a\u0000b']) {
      expect(await rejectionOf(store.load(key))).toBeInstanceOf(TypeError);
      expect(await rejectionOf(store.save(key, SECRET_TOKENS))).toBeInstanceOf(TypeError);
      expect(await rejectionOf(store.delete(key))).toBeInstanceOf(TypeError);
    }
    const noUpdater = undefined as unknown as () => undefined;
    expect(await rejectionOf(store.update(ACCOUNT, noUpdater))).toBeInstanceOf(TypeError);
    const noToken = { tokenType: 'Bearer' } as TokenSet;
    expect(await rejectionOf(store.save(ACCOUNT, noToken))).toBeInstanceOf(TypeError);
  });
});

const available = redisServerAvailable('The RedisTokenStore tests');

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

  /** What Redis holds under `name`, as a string. */
  async function raw(name: string): Promise<string> {
    const value = await client.get(name);
    if (value === null) throw new Error(`nothing under ${name}`);
    return value;
  }

  it('saves, loads and deletes token sets, keeping only their fields', async () => {
    const store = new RedisTokenStore(client, { keyPrefix: 't1:', encryptionKey: KEY_A });
    await store.save(ACCOUNT, { ...SECRET_TOKENS, extra: 'DROPPED-FIELD' } as TokenSet);
    expect(await store.load(ACCOUNT)).toEqual(SECRET_TOKENS);
    const other = new RedisTokenStore(client, { keyPrefix: 't1:', encryptionKey: KEY_A });
    expect(await other.load(ACCOUNT)).toEqual(SECRET_TOKENS);
    await store.delete(ACCOUNT);
    expect(await store.load(ACCOUNT)).toBeUndefined();
    expect(await client.exists(`t1:${ACCOUNT}`)).toBe(0);
    await store.delete(ACCOUNT); // idempotent
  });

  it('stores v1.<keyId>.<payload>, with no token, field or key in the raw value', async () => {
    const nonces: Buffer[] = [];
    const store = new RedisTokenStore(client, {
      keyPrefix: 't2:',
      encryptionKey: KEY_A,
      randomBytes: (size) => {
        const bytes = randomBytes(size);
        nonces.push(bytes);
        return bytes;
      },
    });
    await store.save(ACCOUNT, { ...SECRET_TOKENS, extra: 'DROPPED-FIELD' } as TokenSet);
    const first = await raw(`t2:${ACCOUNT}`);
    expect(first).toMatch(/^v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+$/);
    expect(first.split('.')[1]).toBe(redisKeyId(KEY_A));
    expect(nonces).toHaveLength(1);
    expect(Buffer.from(first.split('.')[2] ?? '', 'base64url').subarray(0, 12)).toEqual(nonces[0]);
    for (const secret of [...SECRETS, 'DROPPED-FIELD', 'accessToken', 'openid']) {
      expect(first).not.toContain(secret);
      expect(Buffer.from(first.split('.')[2] ?? '', 'base64url').toString('latin1')).not.toContain(
        secret,
      );
    }
    await store.save(ACCOUNT, SECRET_TOKENS);
    expect(await raw(`t2:${ACCOUNT}`)).not.toBe(first); // a fresh nonce per write
    expect(nonces).toHaveLength(2);
  });

  it('updates atomically: of concurrent updates from two instances, none is lost', async () => {
    const one = new RedisTokenStore(client, { keyPrefix: 't3:', encryptionKey: KEY_A });
    const two = new RedisTokenStore(client, { keyPrefix: 't3:', encryptionKey: KEY_A });
    await one.save(ACCOUNT, { ...SECRET_TOKENS, scope: '' });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? one : two).update(ACCOUNT, (current) => ({
          ...(current as TokenSet),
          scope: `${current?.scope} ${i}`.trim(),
        })),
      ),
    );
    const scopes = ((await two.load(ACCOUNT))?.scope ?? '').split(' ').sort();
    expect(scopes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(await one.update(ACCOUNT, () => undefined)).toBeUndefined();
    expect(await one.load(ACCOUNT)).toBeUndefined();
    expect(await one.update(ACCOUNT, (current) => current)).toBeUndefined();
    const created = await one.update(ACCOUNT, () => SECRET_TOKENS);
    expect(created).toEqual(SECRET_TOKENS);
    expect(await two.load(ACCOUNT)).toEqual(SECRET_TOKENS);
  });

  it('gives up with a TokenStoreConflictError when the entry changes under every attempt', async () => {
    const writer = new RedisTokenStore(client, { keyPrefix: 't4:', encryptionKey: KEY_A });
    let interference = 0;
    // Another instance writes between every read and compare-and-set: a fault the real
    // server only produces by chance.
    const interfering: RedisTokenClient = {
      sendCommand: async (args) => {
        if (args[0] === 'EVAL') {
          interference += 1;
          await writer.save(ACCOUNT, { ...SECRET_TOKENS, scope: `other ${interference}` });
        }
        return client.sendCommand([...args]);
      },
    };
    const store = new RedisTokenStore(interfering, {
      keyPrefix: 't4:',
      encryptionKey: KEY_A,
      maxAttempts: 3,
    });
    await writer.save(ACCOUNT, SECRET_TOKENS);
    let calls = 0;
    const error = await rejectionOf(
      store.update(ACCOUNT, (current) => {
        calls += 1;
        return { ...(current as TokenSet), scope: 'mine' };
      }),
    );
    expect(TokenStoreConflictError.isInstance(error)).toBe(true);
    expect(isTokenStoreError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'token_store_conflict', attempts: 3 });
    expect(calls).toBe(3);
    expect((await writer.load(ACCOUNT))?.scope).toBe('other 3'); // nothing of "mine"
    expectNoSecrets(error, SECRETS);
  });

  it('stops between attempts when the signal aborts, and sends nothing once aborted', async () => {
    const writer = new RedisTokenStore(client, { keyPrefix: 't5:', encryptionKey: KEY_A });
    const controller = new AbortController();
    const sent: string[] = [];
    // Another instance wins the first attempt; the caller gives up right after it.
    const interfering: RedisTokenClient = {
      sendCommand: async (args) => {
        sent.push(args[0] ?? '');
        if (args[0] !== 'EVAL') return client.sendCommand([...args]);
        await writer.save(ACCOUNT, SECRET_TOKENS);
        const reply = await client.sendCommand([...args]);
        controller.abort(new Error('user pressed ^C'));
        return reply;
      },
    };
    const store = new RedisTokenStore(interfering, { keyPrefix: 't5:', encryptionKey: KEY_A });
    let calls = 0;
    const error = await rejectionOf(
      store.update(
        ACCOUNT,
        () => {
          calls += 1;
          return { ...SECRET_TOKENS, scope: 'mine' };
        },
        { signal: controller.signal },
      ),
    );
    expect(AbortError.isInstance(error)).toBe(true);
    expect(calls).toBe(1);
    expect(sent).toEqual(['GET', 'EVAL']);
    expect((await writer.load(ACCOUNT))?.scope).toBe(SECRET_TOKENS.scope);

    sent.length = 0;
    const aborted = { signal: AbortSignal.abort() };
    for (const call of [
      store.load(ACCOUNT, aborted),
      store.save(ACCOUNT, { ...SECRET_TOKENS, scope: 'mine' }, aborted),
      store.delete(ACCOUNT, aborted),
      store.update(ACCOUNT, () => undefined, aborted),
    ]) {
      expect(AbortError.isInstance(await rejectionOf(call))).toBe(true);
    }
    expect(sent).toEqual([]);
    expect(await writer.load(ACCOUNT)).toEqual(SECRET_TOKENS);
  });

  it('refuses an entry copied under another account key (another tenant)', async () => {
    const store = new RedisTokenStore(client, { keyPrefix: 't6:', encryptionKey: KEY_A });
    await store.save('tenant-a/account', SECRET_TOKENS);
    await client.set('t6:tenant-b/account', await raw('t6:tenant-a/account'));
    const error = await rejectionOf(store.load('tenant-b/account'));
    expect(CorruptStoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'tampered',
      location: 'redis key "t6:tenant-b/account"',
    });
    expect((error as Error).message).toContain('Delete the entry');
    expectNoSecrets(error, [...SECRETS, await raw('t6:tenant-a/account')]);
    const updated = await rejectionOf(store.update('tenant-b/account', () => SECRET_TOKENS));
    expect(CorruptStoreError.isInstance(updated)).toBe(true);
    await store.delete('tenant-b/account'); // the way out
    expect(await store.load('tenant-b/account')).toBeUndefined();
    expect(await store.load('tenant-a/account')).toEqual(SECRET_TOKENS);
  });

  it('refuses an entry with a changed byte, and a foreign or plaintext value', async () => {
    const store = new RedisTokenStore(client, { keyPrefix: 't7:', encryptionKey: KEY_A });
    await store.save(ACCOUNT, SECRET_TOKENS);
    const text = await raw(`t7:${ACCOUNT}`);
    const dot = text.lastIndexOf('.');
    const payload = Buffer.from(text.slice(dot + 1), 'base64url');
    payload[20] = (payload[20] ?? 0) ^ 1;
    await client.set(`t7:${ACCOUNT}`, `${text.slice(0, dot + 1)}${payload.toString('base64url')}`);
    const tampered = await rejectionOf(store.load(ACCOUNT));
    expect(CorruptStoreError.isInstance(tampered)).toBe(true);
    expect(tampered).toMatchObject({ reason: 'tampered' });
    await client.set(`t7:${ACCOUNT}`, text.slice(0, dot + 20));
    expect(await rejectionOf(store.load(ACCOUNT))).toMatchObject({ reason: 'truncated' });
    // What the demo server's former, unencrypted store wrote.
    await client.set(`t7:${ACCOUNT}`, JSON.stringify(SECRET_TOKENS));
    const plaintext = await rejectionOf(store.load(ACCOUNT));
    expect(plaintext).toMatchObject({ code: 'corrupt_store', reason: 'not_a_store' });
    expectNoSecrets(plaintext, SECRETS);
  });

  it('reports an entry sealed with another key as wrong_key, with no secret anywhere', async () => {
    const writer = new RedisTokenStore(client, { keyPrefix: 't8:', encryptionKey: KEY_A });
    const reader = new RedisTokenStore(client, { keyPrefix: 't8:', encryptionKey: KEY_B });
    await writer.save(ACCOUNT, SECRET_TOKENS);
    const error = await rejectionOf(reader.load(ACCOUNT));
    expect(CorruptStoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'wrong_key', location: `redis key "t8:${ACCOUNT}"` });
    expect((error as Error).message).toContain('previousKeys');
    expect((error as Error).message).toContain(redisKeyId(KEY_A)); // public, names the key
    expectNoSecrets(error, [...SECRETS, await raw(`t8:${ACCOUNT}`)]);
  });

  it('rotates keys: reads under previousKeys, re-encrypts on every write', async () => {
    const onlyA = new RedisTokenStore(client, { keyPrefix: 't9:', encryptionKey: KEY_A });
    const rotated = new RedisTokenStore(client, {
      keyPrefix: 't9:',
      encryptionKey: KEY_B,
      previousKeys: [KEY_A],
    });
    const keyIdOf = async (account: string) => (await raw(`t9:${account}`)).split('.')[1];
    await onlyA.save('saved', SECRET_TOKENS);
    await onlyA.save('updated', SECRET_TOKENS);
    expect(await keyIdOf('saved')).toBe(redisKeyId(KEY_A));

    expect(await rotated.load('saved')).toEqual(SECRET_TOKENS);
    expect(await keyIdOf('saved')).toBe(redisKeyId(KEY_A)); // reading rewrites nothing
    await rotated.save('saved', SECRET_TOKENS);
    const updated = await rotated.update('updated', (current) => current);
    expect(updated).toEqual(SECRET_TOKENS);
    for (const account of ['saved', 'updated']) {
      expect(await keyIdOf(account)).toBe(redisKeyId(KEY_B));
      expect(await rotated.load(account)).toEqual(SECRET_TOKENS);
      const error = await rejectionOf(onlyA.load(account));
      expect(error).toMatchObject({ code: 'corrupt_store', reason: 'wrong_key' });
      expectNoSecrets(error, SECRETS);
    }
    const onlyB = new RedisTokenStore(client, { keyPrefix: 't9:', encryptionKey: KEY_B });
    expect(await onlyB.load('saved')).toEqual(SECRET_TOKENS);
  });
});
