import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { KEY_BYTES } from './aes-gcm.js';
import { redisKeyId } from './redis-entry.js';
import type { RandomBytes } from './store-key-material.js';

/** The default key prefix of {@link RedisTokenStore}. */
export const DEFAULT_REDIS_TOKEN_PREFIX = 'latch:tokens:';
/** How many times {@link RedisTokenStore.update} tries by default before it gives up. */
export const DEFAULT_REDIS_MAX_ATTEMPTS = 20;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The part of a node-redis 5 client the store uses: a connected `createClient()` from `redis`
 * fits, and so does anything else that sends one command and resolves with its reply.
 */
export interface RedisTokenClient {
  /**
   * Sends one command (`GET`, `SET`, `DEL`, `EVAL`) and resolves with its reply.
   *
   * @param args - The command and its arguments.
   * @returns The reply: a string (or a `Buffer`), a number, or `null`.
   */
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
}

/** Options of {@link RedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /**
   * The key every entry is encrypted with (AES-256-GCM): exactly 32 bytes, e.g.
   * `randomBytes(32)` kept in a secret manager, or `hkdfSync` of an existing server secret.
   * Every instance that shares the entries needs it. Required.
   */
  readonly encryptionKey: Uint8Array;
  /**
   * Older keys, for reading only: entries written under one of them stay readable, and the
   * next `save` or `update` of each rewrites it under `encryptionKey`. Default: none.
   */
  readonly previousKeys?: readonly Uint8Array[] | undefined;
  /**
   * The prefix of every Redis key: an entry lives at `keyPrefix + accountKey`. Instances that
   * share tokens must use the same prefix. Default: {@link DEFAULT_REDIS_TOKEN_PREFIX}
   * (`'latch:tokens:'`).
   */
  readonly keyPrefix?: string | undefined;
  /**
   * How many times a contended `update` reads, computes and tries to write before it throws
   * `TokenStoreConflictError`. Default: {@link DEFAULT_REDIS_MAX_ATTEMPTS} (20).
   */
  readonly maxAttempts?: number | undefined;
  /**
   * The source of nonces (12 bytes per write). Default: `crypto.randomBytes`. For tests: a
   * source that ever repeats itself reuses GCM nonces under one key, which gives both
   * confidentiality and integrity away.
   */
  readonly randomBytes?: RandomBytes | undefined;
}

/**
 * The checked options, with their defaults.
 *
 * @internal
 */
export interface ResolvedRedisTokenStoreOptions {
  /** The key prefix. */
  readonly prefix: string;
  /** The attempts of a contended update. */
  readonly maxAttempts: number;
  /** The key every write uses. */
  readonly currentKey: Buffer;
  /** Copies of the current and previous keys, by public id. */
  readonly keys: ReadonlyMap<string, Buffer>;
  /** The nonce source. */
  readonly randomBytes: RandomBytes;
}

/** A copy of a 32-byte key, or a TypeError that names the option (never its bytes). */
function copyKey(value: unknown, name: string): Buffer {
  if (!(value instanceof Uint8Array) || value.length !== KEY_BYTES) {
    throw new TypeError(
      `RedisTokenStore: ${name} must be a Uint8Array of exactly 32 bytes (an AES-256 key, ` +
        'e.g. randomBytes(32) or hkdfSync output)',
    );
  }
  return Buffer.from(value);
}

/**
 * Checks the client and options of a {@link RedisTokenStore} and applies the defaults.
 *
 * @throws TypeError naming the faulty option.
 * @internal
 */
export function resolveRedisTokenStoreOptions(
  client: unknown,
  options: RedisTokenStoreOptions,
): ResolvedRedisTokenStoreOptions {
  if (typeof (client as RedisTokenClient | undefined)?.sendCommand !== 'function') {
    throw new TypeError('RedisTokenStore: client must be a connected node-redis 5 client');
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('RedisTokenStore: options must be an object with an encryptionKey');
  }
  const prefix = options.keyPrefix ?? DEFAULT_REDIS_TOKEN_PREFIX;
  if (typeof prefix !== 'string' || prefix === '' || prefix.length > 256 || CONTROL.test(prefix)) {
    throw new TypeError(
      'RedisTokenStore: options.keyPrefix must be 1–256 characters without control characters',
    );
  }
  const maxAttempts = options.maxAttempts ?? DEFAULT_REDIS_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts <= 0) {
    throw new TypeError('RedisTokenStore: options.maxAttempts must be a positive integer');
  }
  const randomBytes = options.randomBytes ?? cryptoRandomBytes;
  if (typeof randomBytes !== 'function') {
    throw new TypeError('RedisTokenStore: options.randomBytes must be a function');
  }
  const current = copyKey(options.encryptionKey, 'options.encryptionKey');
  const previous = options.previousKeys ?? [];
  if (!Array.isArray(previous)) {
    throw new TypeError('RedisTokenStore: options.previousKeys must be an array of keys');
  }
  const keys = new Map<string, Buffer>();
  previous.forEach((key: unknown, index) => {
    const copy = copyKey(key, `options.previousKeys[${index}]`);
    keys.set(redisKeyId(copy), copy);
  });
  keys.set(redisKeyId(current), current);
  return { prefix, maxAttempts, currentKey: current, keys, randomBytes };
}
