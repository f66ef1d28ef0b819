import { OobIdConflictError } from './errors.js';
import {
  assertNamespace,
  assertPending,
  byAge,
  decodePending,
  encodePending,
  isPendingId,
  type Pending,
} from './pending.js';
import type { Store } from './store.js';
import { systemNow, systemStartTimer } from './system.js';

/** The default sweep period of {@link MemoryStore}: one minute. */
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
/** The default cap on the pendings a {@link MemoryStore} holds. */
export const DEFAULT_MAX_ENTRIES = 10_000;
/** The default cap on the pendings one namespace may hold in a {@link MemoryStore}. */
export const DEFAULT_MAX_PER_NAMESPACE = 1_000;

/**
 * Options of {@link MemoryStore}.
 */
export interface MemoryStoreOptions {
  /** The clock, in epoch milliseconds, that decides expiry. Default: `Date.now`. */
  readonly now?: () => number;
  /**
   * How often the sweep timer removes expired pendings, in milliseconds; `0` disables the
   * timer (expired pendings are then removed on access, when a cap is reached, and by
   * {@link MemoryStore.sweep}). Default: {@link DEFAULT_SWEEP_INTERVAL_MS} (60 000).
   */
  readonly sweepIntervalMs?: number;
  /**
   * Starts the repeating sweep timer and returns a function that stops it. The store starts
   * it on the first `put` and stops it whenever the store is empty again. Default: a
   * `setInterval` that is `unref`'d, so it never keeps the process alive.
   */
  readonly startTimer?: (callback: () => void, intervalMs: number) => () => void;
  /**
   * The most pendings held at once. A `put` beyond it first sweeps expired pendings, then
   * evicts the live ones put longest ago. Default: {@link DEFAULT_MAX_ENTRIES} (10 000).
   */
  readonly maxEntries?: number;
  /**
   * The most pendings one namespace may hold: a `put` beyond it evicts that namespace's
   * longest-held, so one busy tenant cannot push out another's. Default:
   * {@link DEFAULT_MAX_PER_NAMESPACE} (1 000).
   */
  readonly maxPerNamespace?: number;
}

interface Entry {
  readonly namespace: string;
  readonly expiresAt: number;
  readonly json: string;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`${name} must be a positive integer`);
  }
  return value;
}

/**
 * A {@link Store} in this process's memory, for a single server instance and for tests.
 *
 * Memory stays bounded: expired pendings are removed when read, by a sweep timer (every
 * `sweepIntervalMs`, `unref`'d, running only while the store holds something), and whenever a
 * cap is reached; `maxEntries` and `maxPerNamespace` cap what live pendings can take, evicting
 * those put longest ago. Pendings are kept as JSON, exactly as `RedisStore` keeps them, so switching
 * stores changes nothing for the payload.
 *
 * @typeParam T - The payload type.
 * @example
 * ```ts
 * const store = new MemoryStore<{ userCode: string }>({ maxPerNamespace: 20 });
 * ```
 */
export class MemoryStore<T> implements Store<T> {
  readonly #entries = new Map<string, Entry>();
  readonly #byNamespace = new Map<string, Set<string>>();
  readonly #now: () => number;
  readonly #sweepIntervalMs: number;
  readonly #startTimer: (callback: () => void, intervalMs: number) => () => void;
  readonly #maxEntries: number;
  readonly #maxPerNamespace: number;
  #stopTimer: (() => void) | undefined;
  #closed = false;

  /**
   * @param options - Clock, sweep timer and caps.
   * @throws TypeError when an option is of the wrong type or a cap or period is not a
   *   positive integer (`sweepIntervalMs` may be `0`).
   */
  constructor(options: MemoryStoreOptions = {}) {
    const { now = systemNow, startTimer = systemStartTimer } = options;
    if (typeof now !== 'function' || typeof startTimer !== 'function') {
      throw new TypeError('now and startTimer must be functions');
    }
    this.#now = now;
    this.#startTimer = startTimer;
    this.#sweepIntervalMs =
      options.sweepIntervalMs === 0
        ? 0
        : positiveInteger(options.sweepIntervalMs, DEFAULT_SWEEP_INTERVAL_MS, 'sweepIntervalMs');
    this.#maxEntries = positiveInteger(options.maxEntries, DEFAULT_MAX_ENTRIES, 'maxEntries');
    this.#maxPerNamespace = positiveInteger(
      options.maxPerNamespace,
      DEFAULT_MAX_PER_NAMESPACE,
      'maxPerNamespace',
    );
  }

  /** How many pendings the store holds, counting expired ones not yet swept. */
  get size(): number {
    return this.#entries.size;
  }

  /** {@inheritDoc Store.put} */
  async put(pending: Pending<T>): Promise<void> {
    const now = this.#now();
    assertPending(pending, now);
    const json = encodePending(pending);
    const existing = this.#entries.get(pending.id);
    if (existing && existing.expiresAt > now) throw new OobIdConflictError();
    if (existing) this.#remove(pending.id, existing);
    this.#makeRoom(pending.namespace, now);
    this.#entries.set(pending.id, {
      namespace: pending.namespace,
      expiresAt: pending.expiresAt,
      json,
    });
    let ids = this.#byNamespace.get(pending.namespace);
    if (!ids) {
      ids = new Set();
      this.#byNamespace.set(pending.namespace, ids);
    }
    ids.add(pending.id);
    this.#ensureTimer();
  }

  /** {@inheritDoc Store.get} */
  async get(namespace: string, id: string): Promise<Pending<T> | undefined> {
    assertNamespace(namespace);
    const entry = this.#live(id);
    return entry?.namespace === namespace ? decodePending<T>(entry.json) : undefined;
  }

  /** {@inheritDoc Store.lookup} */
  async lookup(id: string): Promise<Pending<T> | undefined> {
    const entry = this.#live(id);
    return entry ? decodePending<T>(entry.json) : undefined;
  }

  /** {@inheritDoc Store.complete} */
  async complete(namespace: string, id: string): Promise<Pending<T> | undefined> {
    return this.#take(namespace, id);
  }

  /** {@inheritDoc Store.cancel} */
  async cancel(namespace: string, id: string): Promise<Pending<T> | undefined> {
    return this.#take(namespace, id);
  }

  /** {@inheritDoc Store.listNamespace} */
  async listNamespace(namespace: string): Promise<Pending<T>[]> {
    assertNamespace(namespace);
    const out: Pending<T>[] = [];
    for (const id of [...(this.#byNamespace.get(namespace) ?? [])]) {
      const entry = this.#live(id);
      const pending = entry && decodePending<T>(entry.json);
      if (pending) out.push(pending);
    }
    return out.sort(byAge);
  }

  /** {@inheritDoc Store.clearNamespace} */
  async clearNamespace(namespace: string): Promise<string[]> {
    assertNamespace(namespace);
    const now = this.#now();
    const cleared: string[] = [];
    for (const id of [...(this.#byNamespace.get(namespace) ?? [])]) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      this.#remove(id, entry);
      if (entry.expiresAt > now) cleared.push(id);
    }
    return cleared;
  }

  /**
   * Removes every expired pending now. The sweep timer calls this; call it yourself when you
   * disabled the timer.
   *
   * @returns How many pendings were removed.
   */
  sweep(): number {
    const now = this.#now();
    let removed = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt <= now) {
        this.#remove(id, entry);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Stops the sweep timer for good. The store keeps working; expired pendings are then
   * removed on access, when a cap is reached, and by {@link MemoryStore.sweep}.
   */
  close(): void {
    this.#closed = true;
    this.#stopTimer?.();
    this.#stopTimer = undefined;
  }

  /** The entry of a live pending, removing it if it has expired. */
  #live(id: string): Entry | undefined {
    if (!isPendingId(id)) return undefined;
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#remove(id, entry);
      return undefined;
    }
    return entry;
  }

  /** Check-and-remove with no `await` in between: atomic on the one JavaScript thread. */
  #take(namespace: string, id: string): Pending<T> | undefined {
    assertNamespace(namespace);
    const entry = this.#live(id);
    if (entry?.namespace !== namespace) return undefined;
    this.#remove(id, entry);
    return decodePending<T>(entry.json);
  }

  #remove(id: string, entry: Entry): void {
    this.#entries.delete(id);
    const ids = this.#byNamespace.get(entry.namespace);
    ids?.delete(id);
    if (ids?.size === 0) this.#byNamespace.delete(entry.namespace);
    if (this.#entries.size === 0) {
      this.#stopTimer?.();
      this.#stopTimer = undefined;
    }
  }

  /** Sweeps, then evicts the oldest, until one more pending fits under both caps. */
  #makeRoom(namespace: string, now: number): void {
    const ids = this.#byNamespace.get(namespace);
    if (ids && ids.size >= this.#maxPerNamespace) {
      for (const id of [...ids]) {
        const entry = this.#entries.get(id);
        if (entry && entry.expiresAt <= now) this.#remove(id, entry);
      }
      for (const id of ids) {
        if (ids.size < this.#maxPerNamespace) break;
        const entry = this.#entries.get(id);
        if (entry) this.#remove(id, entry);
      }
    }
    if (this.#entries.size < this.#maxEntries) return;
    this.sweep();
    for (const [id, entry] of this.#entries) {
      if (this.#entries.size < this.#maxEntries) break;
      this.#remove(id, entry);
    }
  }

  #ensureTimer(): void {
    if (this.#stopTimer || this.#closed || this.#sweepIntervalMs === 0) return;
    this.#stopTimer = this.#startTimer(() => this.sweep(), this.#sweepIntervalMs);
  }
}
