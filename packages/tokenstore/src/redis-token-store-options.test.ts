import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redisKeyId } from './redis-entry.js';
import { RedisTokenStore } from './redis-token-store.js';
import {
  DEFAULT_REDIS_MAX_ATTEMPTS,
  DEFAULT_REDIS_TOKEN_PREFIX,
  type RedisTokenClient,
  type RedisTokenStoreOptions,
  resolveRedisTokenStoreOptions,
} from './redis-token-store-options.js';
import { expectNoSecrets } from './test-support/secrets.js';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const KEY_SPELLINGS = [KEY_A, KEY_B].flatMap((key) => [
  key.toString('hex'),
  key.toString('base64'),
  Array.from(key).join(','),
]);

/** A client that sends nothing: the options are checked before any I/O. */
const idle: RedisTokenClient = { sendCommand: async () => null };

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('resolveRedisTokenStoreOptions', () => {
  it('applies the defaults and indexes copies of the keys by their public id', () => {
    const current = Buffer.from(KEY_A);
    const resolved = resolveRedisTokenStoreOptions(idle, {
      encryptionKey: current,
      previousKeys: [KEY_B],
    });
    expect(resolved).toMatchObject({
      prefix: DEFAULT_REDIS_TOKEN_PREFIX,
      maxAttempts: DEFAULT_REDIS_MAX_ATTEMPTS,
    });
    expect(DEFAULT_REDIS_TOKEN_PREFIX).toBe('latch:tokens:');
    expect(DEFAULT_REDIS_MAX_ATTEMPTS).toBe(20);
    expect([...resolved.keys.keys()].sort()).toEqual([redisKeyId(KEY_A), redisKeyId(KEY_B)].sort());
    current.fill(0); // the caller reusing its buffer changes nothing in the store
    expect(resolved.currentKey).toEqual(KEY_A);
    expect(resolved.keys.get(redisKeyId(KEY_A))).toEqual(KEY_A);
  });

  it('throws TypeError for a bad client or option, without echoing key bytes', () => {
    const good = { encryptionKey: KEY_A };
    const bad: [unknown, unknown][] = [
      [undefined, good],
      [{}, good],
      [idle, undefined],
      [idle, {}],
      [idle, { encryptionKey: KEY_A.subarray(0, 16) }],
      [idle, { encryptionKey: KEY_A.toString('hex') }],
      [idle, { encryptionKey: Array.from(KEY_A) }],
      [idle, { encryptionKey: Buffer.concat([KEY_A, KEY_A]) }],
      [idle, { ...good, previousKeys: KEY_B }],
      [idle, { ...good, previousKeys: [KEY_B, KEY_B.toString('base64')] }],
      [idle, { ...good, keyPrefix: '' }],
      [idle, { ...good, keyPrefix: 'a\nb' }],
      [idle, { ...good, maxAttempts: 0 }],
      [idle, { ...good, maxAttempts: 1.5 }],
      [idle, { ...good, randomBytes: 'random' }],
    ];
    for (const [client, options] of bad) {
      const error = thrownBy(() =>
        resolveRedisTokenStoreOptions(client, options as RedisTokenStoreOptions),
      );
      expect(error, JSON.stringify(options)).toBeInstanceOf(TypeError);
      expectNoSecrets(error, KEY_SPELLINGS);
    }
  });

  it('is what the RedisTokenStore constructor checks', () => {
    const error = thrownBy(
      () => new RedisTokenStore(idle, { encryptionKey: KEY_A.subarray(0, 31) }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('options.encryptionKey');
    expectNoSecrets(error, KEY_SPELLINGS);
  });
});
