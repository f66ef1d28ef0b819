import type { SessionRecord } from './session-record.js';
import type {
  SessionChange,
  SessionCommand,
  SessionStateStore,
  SessionWrite,
  StoreUnsubscribe,
} from './session-store.js';
import { systemNow } from './system.js';

/** The store sweeps on `create` once it holds this many records, or twice as many as it kept. */
const MIN_SWEEP_SIZE = 64;

/** Options of {@link MemorySessionStore}. */
export interface MemorySessionStoreOptions {
  /** The clock that expiry is measured with, in epoch milliseconds. Default: `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/**
 * A {@link SessionStateStore} in this process's memory: for one server instance (or several
 * managers in one process). Expired records are invisible at once and deleted by
 * {@link MemorySessionStore.sweep}, which `create` runs whenever the store has doubled since
 * the last sweep (at least 64 records): memory stays within twice the live sessions, at an
 * amortised constant cost. Listeners are called asynchronously, in order.
 *
 * @example
 * ```ts
 * const manager = new AuthSessionManager({ providers, store: new MemorySessionStore() });
 * ```
 */
export class MemorySessionStore implements SessionStateStore {
  readonly #now: () => number;
  readonly #records = new Map<string, { record: SessionRecord; expiresAt: number }>();
  readonly #changeListeners = new Set<(change: SessionChange) => void>();
  readonly #commandListeners = new Map<string, Set<(command: SessionCommand) => void>>();
  #sweepAt = MIN_SWEEP_SIZE;

  /**
   * @param options - The clock.
   * @throws TypeError when `now` is given but is not a function.
   */
  constructor(options: MemorySessionStoreOptions = {}) {
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new TypeError('MemorySessionStore: options.now must be a function');
    }
    this.#now = options.now ?? systemNow;
  }

  /** How many records are held, expired ones not yet swept included. */
  get size(): number {
    return this.#records.size;
  }

  /**
   * Deletes every expired record.
   *
   * @returns How many were deleted.
   */
  sweep(): number {
    const now = this.#now();
    let swept = 0;
    for (const [id, entry] of this.#records) {
      if (entry.expiresAt <= now) {
        this.#records.delete(id);
        swept++;
      }
    }
    this.#sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * this.#records.size);
    return swept;
  }

  /** {@inheritDoc SessionStateStore.create} */
  async create(record: SessionRecord, ttlMs: number): Promise<void> {
    if (this.#records.size >= this.#sweepAt) this.sweep();
    if (this.#live(record.id)) throw new TypeError('MemorySessionStore: session id already exists');
    this.#records.set(record.id, { record, expiresAt: this.#now() + ttlMs });
  }

  /** {@inheritDoc SessionStateStore.get} */
  async get(id: string): Promise<SessionRecord | undefined> {
    return this.peek(id);
  }

  /**
   * Reads a record at once, without a promise: the records are in this process. For a caller
   * that can then answer synchronously — a status endpoint polled many times a second skips a
   * promise and what its framework does for an asynchronous answer.
   *
   * @param id - The session id.
   * @returns What {@link MemorySessionStore.get} would resolve to.
   */
  peek(id: string): SessionRecord | undefined {
    return this.#live(id)?.record;
  }

  /** {@inheritDoc SessionStateStore.update} */
  async update(
    id: string,
    mutate: (current: SessionRecord) => SessionWrite | undefined,
  ): Promise<SessionRecord | undefined> {
    const entry = this.#live(id);
    if (entry === undefined) return undefined;
    const write = mutate(entry.record);
    if (write === undefined) return entry.record;
    this.#records.set(id, { record: write.record, expiresAt: this.#now() + write.ttlMs });
    const change = write.change;
    if (change !== undefined) {
      for (const listener of this.#changeListeners) queueMicrotask(() => listener(change));
    }
    return write.record;
  }

  /** {@inheritDoc SessionStateStore.delete} */
  async delete(id: string): Promise<boolean> {
    const existed = this.#live(id) !== undefined;
    this.#records.delete(id);
    return existed;
  }

  /** {@inheritDoc SessionStateStore.onChange} */
  async onChange(listener: (change: SessionChange) => void): Promise<StoreUnsubscribe> {
    const own = (change: SessionChange): void => listener(change);
    this.#changeListeners.add(own);
    return async () => {
      this.#changeListeners.delete(own);
    };
  }

  /** {@inheritDoc SessionStateStore.sendCommand} */
  async sendCommand(ownerId: string, command: SessionCommand): Promise<void> {
    for (const listener of this.#commandListeners.get(ownerId) ?? []) {
      queueMicrotask(() => listener(command));
    }
  }

  /** {@inheritDoc SessionStateStore.onCommand} */
  async onCommand(
    ownerId: string,
    listener: (command: SessionCommand) => void,
  ): Promise<StoreUnsubscribe> {
    const own = (command: SessionCommand): void => listener(command);
    const set = this.#commandListeners.get(ownerId) ?? new Set();
    set.add(own);
    this.#commandListeners.set(ownerId, set);
    return async () => {
      set.delete(own);
      if (set.size === 0) this.#commandListeners.delete(ownerId);
    };
  }

  #live(id: string): { record: SessionRecord; expiresAt: number } | undefined {
    const entry = this.#records.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.#now()) return entry;
    this.#records.delete(id);
    return undefined;
  }
}
