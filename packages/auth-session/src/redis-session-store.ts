import { SessionConflictError } from './session-conflict-error.js';
import type { SessionRecord } from './session-record.js';
import type {
  SessionChange,
  SessionCommand,
  SessionStateStore,
  SessionWrite,
  StoreUnsubscribe,
} from './session-store.js';

/** The part of a Redis client the store sends commands with (node-redis 5's client fits). */
export interface RedisCommandClient {
  /**
   * Sends one command.
   *
   * @param args - The command and its arguments.
   * @returns The reply.
   */
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
}

/** A pub/sub listener, as node-redis calls it. */
export type RedisMessageListener = (message: string, channel: string) => unknown;

/**
 * The part of a Redis client the store listens with: a connection of its own in subscriber
 * mode (node-redis 5: `client.duplicate()`, connected).
 */
export interface RedisSubscriberClient {
  /**
   * Subscribes a listener to a channel.
   *
   * @param channel - The channel.
   * @param listener - Called with each message.
   */
  subscribe(channel: string, listener: RedisMessageListener): Promise<unknown>;
  /**
   * Removes a listener from a channel.
   *
   * @param channel - The channel.
   * @param listener - The listener.
   */
  unsubscribe(channel: string, listener?: RedisMessageListener): Promise<unknown>;
}

/** Options of {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** A connected client for commands. Required; the store never closes it. */
  readonly client: RedisCommandClient;
  /** A second connected client for pub/sub. Required; the store never closes it. */
  readonly subscriber: RedisSubscriberClient;
  /** The prefix of every key and channel. Default: `'latch:auth-session:'`. */
  readonly keyPrefix?: string | undefined;
  /** How many times a contended update is tried before it gives up. Default: `50`. */
  readonly maxAttempts?: number | undefined;
}

/** Compare-and-set: write ARGV[2] with PX ARGV[3] if the value is still ARGV[1]; announce. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return -1 end
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if ARGV[5] ~= '' then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
return 1
`;

/**
 * A {@link SessionStateStore} in Redis, for several server instances: each session is one JSON
 * string key with a time to live (`PX`) on every write; updates are atomic (compare-and-set in
 * a Lua script, retried on contention) and announce status changes on a pub/sub channel in
 * the same script; commands (stop, pasted URL) go to the owning instance's own channel.
 *
 * Import it from `@latch/auth-session/redis`; the main entry never loads a Redis client.
 * A pasted callback URL crosses the commands channel once, unstored.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { RedisSessionStore } from '@latch/auth-session/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const subscriber = await client.duplicate().connect();
 * const store = new RedisSessionStore({ client, subscriber });
 * ```
 */
export class RedisSessionStore implements SessionStateStore {
  readonly #client: RedisCommandClient;
  readonly #subscriber: RedisSubscriberClient;
  readonly #prefix: string;
  readonly #maxAttempts: number;

  /**
   * @param options - The two clients, the key prefix, the retry bound.
   * @throws TypeError for a missing client or a bad option.
   */
  constructor(options: RedisSessionStoreOptions) {
    if (typeof options?.client?.sendCommand !== 'function') {
      throw new TypeError('RedisSessionStore: options.client must be a connected Redis client');
    }
    if (typeof options.subscriber?.subscribe !== 'function') {
      throw new TypeError(
        'RedisSessionStore: options.subscriber must be a Redis client for pub/sub',
      );
    }
    const prefix = options.keyPrefix ?? 'latch:auth-session:';
    if (typeof prefix !== 'string')
      throw new TypeError('RedisSessionStore: keyPrefix must be a string');
    const attempts = options.maxAttempts ?? 50;
    if (!Number.isSafeInteger(attempts) || attempts < 1) {
      throw new TypeError('RedisSessionStore: maxAttempts must be a positive integer');
    }
    this.#client = options.client;
    this.#subscriber = options.subscriber;
    this.#prefix = prefix;
    this.#maxAttempts = attempts;
  }

  /**
   * The Redis key of a session (for inspection, e.g. its TTL).
   *
   * @param id - The session id.
   * @returns `<prefix>session:<id>`.
   */
  keyOf(id: string): string {
    return `${this.#prefix}session:${id}`;
  }

  async create(record: SessionRecord, ttlMs: number): Promise<void> {
    const args = ['SET', this.keyOf(record.id), JSON.stringify(record), 'PX', px(ttlMs), 'NX'];
    if ((await this.#client.sendCommand(args)) === null) {
      throw new TypeError('RedisSessionStore: session id already exists');
    }
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    return parse(await this.#client.sendCommand(['GET', this.keyOf(id)]));
  }

  async update(
    id: string,
    mutate: (current: SessionRecord) => SessionWrite | undefined,
  ): Promise<SessionRecord | undefined> {
    const key = this.keyOf(id);
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      const raw = await this.#client.sendCommand(['GET', key]);
      const current = parse(raw);
      if (current === undefined) return undefined;
      const write = mutate(current);
      if (write === undefined) return current;
      const change = write.change === undefined ? '' : JSON.stringify(write.change);
      const channel = this.#changesChannel();
      const next = JSON.stringify(write.record);
      const args = [raw as string, next, px(write.ttlMs), channel, change];
      const result = await this.#client.sendCommand(['EVAL', COMPARE_AND_SET, '1', key, ...args]);
      if (Number(result) === 1) return write.record;
      if (Number(result) === -1) return undefined;
    }
    throw new SessionConflictError({ attempts: this.#maxAttempts });
  }

  async delete(id: string): Promise<boolean> {
    return Number(await this.#client.sendCommand(['DEL', this.keyOf(id)])) > 0;
  }

  onChange(listener: (change: SessionChange) => void): Promise<StoreUnsubscribe> {
    return this.#listen(this.#changesChannel(), listener);
  }

  async sendCommand(ownerId: string, command: SessionCommand): Promise<void> {
    await this.#client.sendCommand([
      'PUBLISH',
      this.#commandsChannel(ownerId),
      JSON.stringify(command),
    ]);
  }

  onCommand(
    ownerId: string,
    listener: (command: SessionCommand) => void,
  ): Promise<StoreUnsubscribe> {
    return this.#listen(this.#commandsChannel(ownerId), listener);
  }

  async #listen<T>(channel: string, listener: (message: T) => void): Promise<StoreUnsubscribe> {
    const own: RedisMessageListener = (message) => {
      let parsed: T;
      try {
        parsed = JSON.parse(message) as T;
      } catch {
        return; // not ours
      }
      listener(parsed);
    };
    await this.#subscriber.subscribe(channel, own);
    return async () => {
      await this.#subscriber.unsubscribe(channel, own);
    };
  }

  #changesChannel(): string {
    return `${this.#prefix}changes`;
  }

  #commandsChannel(ownerId: string): string {
    return `${this.#prefix}commands:${ownerId}`;
  }
}

function px(ttlMs: number): string {
  return String(Math.max(1, Math.ceil(ttlMs)));
}

function parse(raw: unknown): SessionRecord | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const record = JSON.parse(raw) as SessionRecord;
    return typeof record === 'object' && record !== null && typeof record.id === 'string'
      ? record
      : undefined;
  } catch {
    return undefined;
  }
}
