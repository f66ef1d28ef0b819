import { hkdfSync } from 'node:crypto';
import type { MemorySessionStore, SessionRecord, SessionStateStore } from '@latch/auth-session';
import { MemorySessionStore as SessionMemory } from '@latch/auth-session';
import { RedisSessionStore } from '@latch/auth-session/redis';
import { MemoryStore as OobMemory, type Store as OobStore } from '@latch/oob';
import { RedisStore as OobRedis } from '@latch/oob/redis';
import { MemoryStore as TokenMemory, type TokenStore } from '@latch/tokenstore';
import { RedisTokenStore } from '@latch/tokenstore/redis';
import { createClient } from 'redis';
import type { LoginPendingData } from './flows/flow-deps.js';

/** The HKDF `info` of the token store's key: a new value would make every entry unreadable. */
const TOKEN_KEY_INFO = 'latch demo-server token store v1';

/**
 * The 32-byte key the tenants' tokens are encrypted with in Redis, derived from the server
 * secret (HKDF-SHA256, RFC 5869): every instance that shares the secret shares the key, and the
 * key is never the cookie-signing secret itself.
 */
function tokenStoreKey(secret: string): Uint8Array {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('openStores: options.secret must be the server secret (cookieSecret)');
  }
  return new Uint8Array(hkdfSync('sha256', secret, '', TOKEN_KEY_INFO, 32));
}

/** The app's three stores. */
export interface ServerStores {
  /** `memory` or `redis`. */
  readonly kind: 'memory' | 'redis';
  /** The out-of-band pendings (`@latch/oob`). */
  readonly oob: OobStore<LoginPendingData>;
  /** The auth sessions' state (`@latch/auth-session`). */
  readonly sessions: SessionStateStore;
  /** The tenants' tokens. */
  readonly tokens: TokenStore;
  /**
   * Reads a session record synchronously, when the session state is in this process's
   * memory; `undefined` with Redis.
   */
  readonly peekSession: ((id: string) => SessionRecord | undefined) | undefined;
  /** Closes what was opened here (Redis connections, sweep timers). */
  close(): Promise<void>;
}

/** Options of {@link openStores}. */
export interface OpenStoresOptions {
  /** A Redis URL: every store goes to Redis. Default: memory. */
  readonly redisUrl?: string | undefined;
  /** A token store to use instead (the caller keeps and closes it). */
  readonly tokenStore?: TokenStore | undefined;
  /** The prefix of every Redis key. Default: `latch:demo-server`. */
  readonly keyPrefix?: string | undefined;
  /**
   * The server secret (`cookieSecret`): with Redis, the tenants' tokens are encrypted under a
   * key derived from it, so every instance needs the same one. Unused with memory stores or
   * a `tokenStore` of the caller's.
   */
  readonly secret: string;
  /** The clock, epoch ms. */
  readonly now: () => number;
}

/**
 * Opens the stores: memory by default; with a Redis URL, the oob pendings, the session state
 * (with pub/sub on a second connection) and the tenant tokens all in Redis, so that several
 * instances serve the same tenants.
 *
 * @param options - Redis URL, token store override, key prefix, server secret, clock.
 * @returns The stores.
 * @throws TypeError when the tokens go to Redis and `secret` is not a non-empty string.
 * @throws The Redis client's connection error.
 */
export async function openStores(options: OpenStoresOptions): Promise<ServerStores> {
  const prefix = options.keyPrefix ?? 'latch:demo-server';
  if (options.redisUrl === undefined) {
    const oob = new OobMemory<LoginPendingData>({ now: options.now });
    const sessions: MemorySessionStore = new SessionMemory();
    return {
      kind: 'memory',
      oob,
      sessions,
      tokens: options.tokenStore ?? new TokenMemory(),
      peekSession: (id) => sessions.peek(id),
      close: async () => oob.close(),
    };
  }
  const client = createClient({
    url: options.redisUrl,
    socket: { connectTimeout: 5_000 },
    disableOfflineQueue: true,
  });
  // Made before connecting, so a missing secret opens no connection.
  const tokens =
    options.tokenStore ??
    new RedisTokenStore(client, {
      keyPrefix: `${prefix}:tokens:`,
      encryptionKey: tokenStoreKey(options.secret),
    });
  client.on('error', () => {}); // reconnects on its own; commands fail while it is down
  await client.connect();
  const subscriber = client.duplicate();
  subscriber.on('error', () => {});
  try {
    await subscriber.connect();
  } catch (error) {
    client.destroy();
    throw error;
  }
  return {
    kind: 'redis',
    oob: new OobRedis<LoginPendingData>(client, { keyPrefix: `${prefix}:oob`, now: options.now }),
    sessions: new RedisSessionStore({ client, subscriber, keyPrefix: `${prefix}:sessions:` }),
    tokens,
    peekSession: undefined,
    close: async () => {
      for (const connection of [subscriber, client]) {
        if (connection.isOpen) await connection.close().catch(() => connection.destroy());
      }
    },
  };
}
