import type { TokenSet } from '@latch/core';
import { abortable } from '@latch/core';
import { RefreshTokenRejectedError } from '@latch/refresh';
import { compareAndPersist } from './compare-and-persist.js';
import { buildCoreState, type CoreState } from './core-state.js';
import type { EndpointResolver } from './endpoints.js';
import {
  NoRefreshEndpointError,
  NotLoggedInError,
  type NotLoggedInReason,
  ReauthRequiredError,
} from './errors.js';
import { hashToken } from './exchange-cache.js';
import { SessionLock } from './session-lock.js';
import { systemSeams } from './system.js';
import type { ResolvedSeams } from './test-seams.js';
import { learnClockOffset } from './token-expiry.js';
import type { ResolvedOptions } from './token-manager-options.js';

/** How many times a refresh follows a refresh token that another writer replaced. */
const MAX_FOLLOWS = 2;

/**
 * The stored core token of one issuer and profile: read, kept in memory for a short while,
 * refreshed once at a time in this process (single flight) and across processes (the lock),
 * saved and deleted under the same two locks.
 * @internal
 */
export class CoreSession {
  /** The services in use; tests replace them. */
  seams: ResolvedSeams = systemSeams;
  readonly #options: ResolvedOptions;
  readonly #endpoints: EndpointResolver;
  readonly #onChange: () => void;
  readonly #lock: SessionLock;
  readonly #dead = new Set<string>();
  #memo: CoreState | undefined;
  #generation = 0;
  #clockOffsetMs = 0;
  #loading: Promise<CoreState> | undefined;
  #pending: Promise<CoreState> | undefined;
  #flight: { readonly promise: Promise<CoreState>; readonly rejected?: string } | undefined;

  constructor(options: ResolvedOptions, endpoints: EndpointResolver, onChange: () => void) {
    this.#options = options;
    this.#endpoints = endpoints;
    this.#onChange = onChange;
    this.#lock = new SessionLock(options, () => this.seams);
  }

  /** Changes whenever this process writes or deletes the core token. */
  get generation(): number {
    return this.#generation;
  }

  /** The server's clock minus ours, in ms, as learned from the last refresh. */
  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /** The core token in memory, if any (fresh or not). */
  peek(): CoreState | undefined {
    return this.#memo;
  }

  /** The core token from memory when it is recent and not near expiry; the hot path. */
  fresh(): CoreState | undefined {
    const memo = this.#memo;
    if (memo === undefined) return undefined;
    if (this.seams.monotonicNow() - memo.loadedAt > this.#options.reloadAfterMs) return undefined;
    return this.seams.now() < memo.deadline ? memo : undefined;
  }

  /**
   * A core token that is not near expiry: from memory, else the store, refreshed if needed.
   * Concurrent callers share one promise for all of it (a read, then maybe a refresh).
   */
  usable(signal: AbortSignal | undefined): Promise<CoreState> {
    let pending = this.#pending;
    if (pending === undefined) {
      const memo = this.#memo;
      const recent =
        memo !== undefined &&
        this.seams.monotonicNow() - memo.loadedAt <= this.#options.reloadAfterMs;
      pending = (recent ? Promise.resolve(memo) : this.#sharedLoad()).then((state) =>
        this.seams.now() < state.deadline ? state : this.#sharedRefresh(undefined),
      );
      this.#pending = pending;
      const clear = (): void => {
        if (this.#pending === pending) this.#pending = undefined;
      };
      pending.then(clear, clear);
    }
    return abortable(pending, signal);
  }

  /** One store read; a refresh only when the stored token needs one. */
  async reload(signal: AbortSignal | undefined): Promise<CoreState> {
    const stored = await this.#options.store.load(this.#options.key, { signal });
    if (stored === undefined) {
      this.#forget();
      throw this.#notLoggedIn('no_session');
    }
    const state = this.#adopt(this.#stateFor(stored));
    if (this.seams.now() < state.deadline) return state;
    return this.refresh(undefined, signal);
  }

  /**
   * Refreshes the core token, sharing one flight with every concurrent caller. With `rejected`
   * (an access token a resource server refused) the flight refreshes even a token that looks
   * fresh, unless the store already holds another one.
   */
  refresh(rejected: string | undefined, signal: AbortSignal | undefined): Promise<CoreState> {
    return abortable(this.#sharedRefresh(rejected), signal);
  }

  /** Stores a new core token set (a login) under both locks; forgets every exchanged token. */
  async save(tokens: TokenSet, signal: AbortSignal | undefined): Promise<void> {
    await this.#lock.run(async () => {
      await this.#options.store.save(this.#options.key, tokens, { signal });
      this.#generation++;
      this.#dead.clear();
      this.#adopt(this.#stateFor(tokens));
      this.#onChange();
    }, signal);
  }

  /** Deletes the stored core token under both locks: the store first, then memory. */
  async remove(signal: AbortSignal | undefined): Promise<void> {
    await this.#lock.run(async () => {
      await this.#options.store.delete(this.#options.key, { signal });
      this.#generation++;
      this.#forget();
      this.#onChange();
    }, signal);
  }

  /** What the store holds, without refreshing. */
  lookup(signal: AbortSignal | undefined): Promise<TokenSet | undefined> {
    return this.#options.store.load(this.#options.key, { signal });
  }

  #sharedLoad(): Promise<CoreState> {
    if (this.#loading !== undefined) return this.#loading;
    const generation = this.#generation;
    const loading = this.#options.store.load(this.#options.key).then((stored) => {
      if (generation !== this.#generation) {
        // This process wrote meanwhile: what it wrote is newer than what was read.
        if (this.#memo !== undefined) return this.#memo;
        throw this.#notLoggedIn('no_session');
      }
      if (stored === undefined) {
        this.#forget();
        throw this.#notLoggedIn('no_session');
      }
      return this.#adopt(this.#stateFor(stored));
    });
    this.#loading = loading;
    const clear = (): void => {
      if (this.#loading === loading) this.#loading = undefined;
    };
    loading.then(clear, clear);
    return loading;
  }

  #sharedRefresh(rejected: string | undefined): Promise<CoreState> {
    const flight = this.#flight;
    if (flight !== undefined) {
      if (rejected === undefined || flight.rejected === rejected) return flight.promise;
      // That flight may keep the refused token (it was fresh): then refresh once more.
      return flight.promise.then((state) =>
        state.tokens.accessToken === rejected ? this.#sharedRefresh(rejected) : state,
      );
    }
    const promise = this.#lock.run(() => this.#refreshLocked(rejected), undefined, true);
    const entry = rejected === undefined ? { promise } : { promise, rejected };
    this.#flight = entry;
    const clear = (): void => {
      if (this.#flight === entry) this.#flight = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }

  /** Holding both locks: re-read the store, and refresh only if it still needs one. */
  async #refreshLocked(rejected: string | undefined): Promise<CoreState> {
    const stored = await this.#options.store.load(this.#options.key);
    if (stored === undefined) {
      this.#forget();
      throw this.#notLoggedIn('no_session');
    }
    const state = this.#stateFor(stored);
    if (this.seams.now() < state.deadline && stored.accessToken !== rejected) {
      return this.#adopt(state); // another process refreshed first: use its token
    }
    return this.#redeem(stored, 0);
  }

  async #redeem(stored: TokenSet, follows: number): Promise<CoreState> {
    const refreshToken = stored.refreshToken;
    if (refreshToken === undefined) throw this.#notLoggedIn('no_refresh_token');
    if (this.#dead.has(hashToken(refreshToken))) throw this.#reauthRequired(undefined);
    const endpoint = await this.#endpoints.refresh(undefined);
    if (endpoint === undefined) throw new NoRefreshEndpointError(this.#session());
    const seams = this.seams;
    await seams.onStep?.('before-request');
    const sentAt = seams.now();
    let fresh: TokenSet;
    try {
      fresh = await seams.refreshGrant({
        ...this.#options.http,
        endpoint,
        clientId: this.#options.clientId,
        refreshToken,
        now: seams.now,
      });
    } catch (error) {
      if (!RefreshTokenRejectedError.isInstance(error)) throw error;
      return this.#afterRejection(refreshToken, error, follows);
    }
    const receivedAt = seams.now();
    await seams.onStep?.('after-response');
    this.#clockOffsetMs = learnClockOffset(fresh, sentAt, receivedAt, this.#options.skewMs);
    const outcome = await compareAndPersist(
      this.#options.store,
      this.#options.key,
      refreshToken,
      fresh,
    );
    this.#generation++;
    if (outcome.current === undefined) {
      // Deleted while the request was out (a logout that did not take the lock): stay deleted.
      this.#forget();
      throw this.#notLoggedIn('no_session');
    }
    await seams.onStep?.('saved');
    return this.#adopt(this.#stateFor(outcome.current));
  }

  /** `invalid_grant`: re-read the store; only a refresh token nobody replaced means re-login. */
  async #afterRejection(used: string, error: unknown, follows: number): Promise<CoreState> {
    const again = await this.#options.store.load(this.#options.key);
    if (again === undefined) {
      this.#forget();
      throw this.#notLoggedIn('no_session');
    }
    if (again.refreshToken !== used && follows < MAX_FOLLOWS) {
      const state = this.#stateFor(again);
      if (this.seams.now() < state.deadline) return this.#adopt(state);
      return this.#redeem(again, follows + 1);
    }
    this.#dead.add(hashToken(used));
    throw this.#reauthRequired(error);
  }

  #stateFor(tokens: TokenSet): CoreState {
    const policy = { skewMs: this.#options.skewMs, clockOffsetMs: this.#clockOffsetMs };
    return buildCoreState(tokens, this.#memo, policy, this.seams.monotonicNow());
  }

  #adopt(state: CoreState): CoreState {
    const previous = this.#memo;
    this.#memo = state;
    if (previous !== undefined && previous.hash !== state.hash) this.#onChange();
    return state;
  }

  #forget(): void {
    this.#memo = undefined;
  }

  #session(): { issuer: string; profile: string } {
    return { issuer: this.#options.issuer, profile: this.#options.profile };
  }

  #notLoggedIn(reason: NotLoggedInReason): NotLoggedInError {
    return new NotLoggedInError({ ...this.#session(), reason });
  }

  #reauthRequired(cause: unknown): ReauthRequiredError {
    return new ReauthRequiredError(
      cause === undefined ? this.#session() : { ...this.#session(), cause },
    );
  }
}
