import { isTerminalStatus, type PollResult } from './auth-session-status.js';
import {
  checkId,
  checkStartOptions,
  lookupProvider,
  resolveManagerSettings,
} from './check-manager-options.js';
import type {
  AuthSessionManagerOptions,
  SessionListener,
  StartOptions,
} from './manager-options.js';
import { newSessionRecord, timeoutEvent, toPollResult } from './reduce-session.js';
import { runSessionPrompt } from './run-session-prompt.js';
import { SessionEngine } from './session-engine.js';
import { newId } from './session-id.js';
import { SessionListeners } from './session-listeners.js';
import type { SessionStateStore, StoreUnsubscribe } from './session-store.js';

/**
 * Runs login sessions for a UI: start one for a provider, poll it (or subscribe for pushes),
 * paste a callback URL back into it, cancel it. Each session runs a driver from the
 * `providers` registry; the session state machine is `pending → url-available →
 * code-emitted → success | failed`, and terminal states are final: later reports,
 * `finishSuccess`/`finishFailure`/`cancel` calls and timeouts are ignored (they return
 * `false`), never errors.
 *
 * State lives in a {@link SessionStateStore}: with a shared one (Redis), a poll on any instance
 * sees the state, and cancels and pasted URLs reach the instance that runs the driver. Session
 * state never holds a token; transcript lines are redacted before they are stored.
 *
 * @example
 * ```ts
 * const manager = new AuthSessionManager({
 *   providers: { latch: deviceLoginDriver({ issuer, clientId, onTokens: saveTokens }) },
 * });
 * const id = await manager.start('latch');
 * await manager.poll(id); // { providerId: 'latch', status: 'code-emitted', userCode: '…', … }
 * ```
 */
export class AuthSessionManager {
  /** This instance's id: the owner of the sessions it starts. */
  readonly instanceId: string;
  readonly #providers: AuthSessionManagerOptions['providers'];
  readonly #store: SessionStateStore;
  readonly #engine: SessionEngine;
  readonly #listeners: SessionListeners;
  readonly #now: () => number;
  readonly #randomBytes: (size: number) => Uint8Array;
  readonly #timeoutMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #ready: Promise<StoreUnsubscribe[]>;
  #closed = false;

  /**
   * @param options - The provider registry, the store, limits and runtime seams.
   * @throws TypeError for bad options.
   */
  constructor(options: AuthSessionManagerOptions) {
    const settings = resolveManagerSettings(options);
    this.#providers = options.providers;
    this.#now = settings.now;
    this.#randomBytes = settings.randomBytes;
    this.#store = settings.store;
    this.#timeoutMs = settings.timeoutMs;
    this.#onError = settings.onError;
    this.instanceId = settings.instanceId;
    this.#listeners = new SessionListeners(this.#onError);
    this.#engine = new SessionEngine(settings);
    const engine = this.#engine;
    this.#ready = Promise.all([
      this.#store.onChange((change) => this.#listeners.deliver(change)),
      this.#store.onCommand(this.instanceId, (command) => engine.obey(command)),
    ]);
    this.#ready.catch(() => {});
  }

  /**
   * Starts a login session for a provider and its driver, on this instance.
   *
   * @param providerId - A key of the `providers` registry.
   * @param options - The bundle to log in into, a display prompt and its manual fallback.
   * @returns The new session id (128 random bits).
   * @throws {@link UnknownProviderError} when the provider is not registered.
   * @throws TypeError for a bad argument, or when the manager is closed.
   */
  async start(providerId: string, options: StartOptions = {}): Promise<string> {
    checkStartOptions(providerId, options);
    const { intoBundleId, prompt, fallback } = options;
    await this.#open();
    const factory = lookupProvider(this.#providers, providerId);
    const record = newSessionRecord({
      id: newId('auth-', this.#randomBytes),
      providerId,
      intoBundleId,
      ownerId: this.instanceId,
      now: this.#now(),
      timeoutMs: this.#timeoutMs,
    });
    await this.#store.create(record, this.#engine.writer.ttlOf(record));
    const id = record.id;
    const signal = this.#engine.launch(record, factory);
    if (prompt !== undefined) {
      runSessionPrompt({
        sessionId: id,
        providerId,
        signal,
        prompt,
        fallback,
        poll: () => this.poll(id),
        transcript: () => this.transcript(id),
        subscribe: (listener) => this.subscribe(id, listener),
        fail: (error) => this.finishFailure(id, error),
      }).catch(this.#onError);
    }
    return record.id;
  }

  /**
   * Reads a session's state; a running session past its deadline fails here with a timeout.
   *
   * @param id - The session id.
   * @returns `{ providerId, status, … }`, or `undefined` for an unknown or swept session.
   */
  async poll(id: string): Promise<PollResult | undefined> {
    checkId(id, 'poll', 'id');
    await this.#open();
    const record = await this.#store.get(id);
    if (record === undefined) return undefined;
    const timeout = timeoutEvent(record, this.#now());
    if (timeout === undefined) return toPollResult(record);
    const applied = await this.#engine.apply(id, timeout);
    return applied.record === undefined ? undefined : toPollResult(applied.record);
  }

  /**
   * Reads a session's transcript: every output line, redacted, oldest first.
   *
   * @param id - The session id.
   * @returns The lines (led by a note when older lines were dropped), or `undefined`.
   */
  async transcript(id: string): Promise<readonly string[] | undefined> {
    checkId(id, 'transcript', 'id');
    await this.#open();
    const record = await this.#store.get(id);
    if (record === undefined) return undefined;
    const note = record.droppedLines > 0 ? [`[${record.droppedLines} earlier lines dropped]`] : [];
    return [...note, ...record.transcript];
  }

  /**
   * Ends a running session with success, once the caller has confirmed the login and stored
   * its tokens. Ignored (`false`) when the session already ended.
   *
   * @param id - The session id.
   * @param bundleId - Where the tokens went.
   * @param options - The account's e-mail, overriding one seen in the output.
   * @returns Whether this call ended the session.
   * @throws TypeError for a bad argument.
   */
  async finishSuccess(
    id: string,
    bundleId: string,
    options: { readonly email?: string | undefined } = {},
  ): Promise<boolean> {
    checkId(id, 'finishSuccess', 'id');
    checkId(bundleId, 'finishSuccess', 'bundleId');
    await this.#open();
    const email =
      options.email === undefined ? undefined : this.#engine.writer.redact(options.email);
    return (await this.#engine.apply(id, { type: 'success', bundleId, email })).ended;
  }

  /**
   * Ends a running session with a failure and stops its driver. Ignored (`false`) when the
   * session already ended.
   *
   * @param id - The session id.
   * @param error - A short phrase for the UI; no token or code.
   * @returns Whether this call ended the session.
   * @throws TypeError for a bad argument.
   */
  async finishFailure(id: string, error: string): Promise<boolean> {
    checkId(id, 'finishFailure', 'id');
    checkId(error, 'finishFailure', 'error');
    await this.#open();
    const redacted = this.#engine.writer.redact(error);
    return (await this.#engine.apply(id, { type: 'failure', error: redacted })).ended;
  }

  /**
   * Cancels a session: it fails with `cancelled` and its driver stops (on this instance, the
   * promise resolves once the driver, child processes included, has stopped; on another, once
   * the owner has been told).
   *
   * @param id - The session id.
   * @returns Whether this call ended the session (`false` when unknown or already ended).
   */
  async cancel(id: string): Promise<boolean> {
    checkId(id, 'cancel', 'id');
    await this.#open();
    const applied = await this.#engine.apply(id, { type: 'failure', error: 'cancelled' });
    if (applied.record !== undefined) await this.#engine.stop(applied.record);
    return applied.ended;
  }

  /**
   * Hands a pasted callback URL (the address the browser ended on) to the session's driver,
   * on whichever instance runs it.
   *
   * @param id - The session id.
   * @param url - What the user pasted.
   * @returns Whether it was handed on: `false` for an unknown or ended session, or a driver
   *   that refused it. From another instance, `true` once the owner has been sent it.
   * @throws TypeError for a bad argument.
   */
  async submitCallbackUrl(id: string, url: string): Promise<boolean> {
    checkId(id, 'submitCallbackUrl', 'id');
    if (typeof url !== 'string') {
      throw new TypeError('AuthSessionManager.submitCallbackUrl: url must be a string');
    }
    await this.#open();
    const record = await this.#store.get(id);
    if (record === undefined || isTerminalStatus(record.status)) return false;
    if (record.ownerId !== this.instanceId) {
      await this.#store.sendCommand(record.ownerId, { type: 'callback-url', sessionId: id, url });
      return true;
    }
    return this.#engine.submitLocal(id, url);
  }

  /**
   * Deletes a session now (a running one is stopped first, without a status change).
   *
   * @param id - The session id.
   * @returns Whether it existed.
   */
  async remove(id: string): Promise<boolean> {
    checkId(id, 'remove', 'id');
    await this.#open();
    const record = await this.#store.get(id);
    if (record !== undefined) await this.#engine.stop(record);
    return this.#store.delete(id);
  }

  /**
   * Listens for a session's status changes, from any instance (for server-sent events next to
   * polling). Changes arrive in order; nothing arrives after a terminal status. The current
   * state is not replayed: call `poll` after subscribing.
   *
   * @param id - The session id.
   * @param listener - Called with the new state on every status change.
   * @returns A function that stops listening.
   * @throws TypeError for a bad argument, or when the manager is closed.
   */
  subscribe(id: string, listener: SessionListener): () => void {
    checkId(id, 'subscribe', 'id');
    if (typeof listener !== 'function') {
      throw new TypeError('AuthSessionManager.subscribe: listener must be a function');
    }
    if (this.#closed) throw new TypeError('AuthSessionManager: the manager is closed');
    return this.#listeners.add(id, listener);
  }

  /**
   * Shuts this instance down: its running sessions fail with `service stopped`, their drivers
   * stop (child processes killed), and it stops listening to the store. Later calls of
   * `start` and the other methods throw `TypeError`.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(
      this.#engine.local.ids().map(async (id) => {
        const applied = await this.#engine.apply(id, { type: 'failure', error: 'service stopped' });
        if (applied.record !== undefined) await this.#engine.stop(applied.record);
      }),
    );
    const unsubscribes = await this.#ready.catch(() => []);
    await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
  }

  async #open(): Promise<void> {
    if (this.#closed) throw new TypeError('AuthSessionManager: the manager is closed');
    await this.#ready;
  }
}
