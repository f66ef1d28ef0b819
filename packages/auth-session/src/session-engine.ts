import type { DriverFactory, SessionReporter } from './driver.js';
import { LocalSessions } from './local-sessions.js';
import { timeoutEvent } from './reduce-session.js';
import type { SessionEvent, SessionRecord } from './session-record.js';
import type { SessionCommand, SessionStateStore } from './session-store.js';
import { type Applied, SessionWriter, type SessionWriterSettings } from './session-writer.js';

/** What the engine works with. @internal */
export interface SessionEngineSettings extends SessionWriterSettings {
  readonly store: SessionStateStore;
  readonly instanceId: string;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onError: (error: unknown) => void;
}

/**
 * The manager's moving parts: applying events (and stopping the drivers of sessions they
 * end), running drivers on this instance, watching deadlines, and routing stops and pasted
 * URLs to the owning instance.
 *
 * @internal
 */
export class SessionEngine {
  readonly writer: SessionWriter;
  readonly local = new LocalSessions();
  readonly #settings: SessionEngineSettings;

  constructor(settings: SessionEngineSettings) {
    this.#settings = settings;
    this.writer = new SessionWriter(settings);
  }

  /** Runs a new session's driver here and watches its deadline; returns its signal. */
  launch(record: SessionRecord, factory: DriverFactory): AbortSignal {
    const id = record.id;
    const signal = this.local.launch({
      sessionId: id,
      providerId: record.providerId,
      intoBundleId: record.intoBundleId,
      factory,
      report: this.#reporter(id),
      onStopped: async (error) => {
        if (error !== undefined) this.#settings.onError(error);
        const reason =
          error === undefined ? 'the login ended without a result' : 'the login failed';
        await this.apply(id, { type: 'failure', error: reason });
      },
    });
    void this.#watchDeadline(record, signal);
    return signal;
  }

  /** Applies an event; a session it ends gets its driver stopped. Never rejects. */
  async apply(id: string, event: SessionEvent): Promise<Applied> {
    try {
      const applied = await this.writer.apply(id, event);
      if (applied.ended && applied.record !== undefined) {
        this.stop(applied.record).catch(this.#settings.onError);
      }
      return applied;
    } catch (error) {
      this.#settings.onError(error);
      return { record: undefined, changed: false, ended: false };
    }
  }

  /** Stops a session's driver: here, awaiting it; on its owner, by a command. */
  async stop(record: SessionRecord): Promise<void> {
    if (record.ownerId !== this.#settings.instanceId) {
      await this.#settings.store.sendCommand(record.ownerId, {
        type: 'stop',
        sessionId: record.id,
      });
      return;
    }
    await this.local.stop(record.id);
  }

  /** Hands a pasted URL to a driver running here. Never rejects. */
  async submitLocal(id: string, url: string): Promise<boolean> {
    try {
      return await this.local.submit(id, url);
    } catch (error) {
      this.#settings.onError(error);
      return false;
    }
  }

  /** Carries out a command sent to this instance. */
  obey(command: SessionCommand): void {
    if (command.type === 'stop') {
      this.local.stop(command.sessionId).catch(this.#settings.onError);
      return;
    }
    void this.submitLocal(command.sessionId, command.url);
  }

  /** The reporter a driver gets: everything it reports is redacted before it is stored. */
  #reporter(id: string): SessionReporter {
    const redact = (text: unknown): string => this.writer.redact(String(text));
    const quiet = async (event: SessionEvent): Promise<void> => {
      await this.apply(id, event);
    };
    return {
      line: (line) => quiet({ type: 'line', line: String(line) }),
      authUrl: (authUrl) => quiet({ type: 'url', authUrl: redact(authUrl) }),
      userCode: (code) =>
        quiet({
          type: 'code',
          code: {
            userCode: String(code.userCode),
            verificationUrl: redact(code.verificationUrl),
            ...(code.verificationUrlComplete === undefined
              ? {}
              : { verificationUrlComplete: redact(code.verificationUrlComplete) }),
            ...(typeof code.expiresAt === 'number' ? { expiresAt: code.expiresAt } : {}),
          },
        }),
      account: (email) => quiet({ type: 'email', email: redact(email) }),
      succeed: async (bundleId, options) => {
        const email = options?.email === undefined ? undefined : redact(options.email);
        return (await this.apply(id, { type: 'success', bundleId: String(bundleId), email })).ended;
      },
      fail: async (error) =>
        (await this.apply(id, { type: 'failure', error: redact(error) })).ended,
    };
  }

  async #watchDeadline(record: SessionRecord, signal: AbortSignal): Promise<void> {
    const { now, sleep, store } = this.#settings;
    try {
      for (let left = record.deadline - now(); left > 0; left = record.deadline - now()) {
        await sleep(left, signal);
      }
    } catch {
      return; // the session ended first
    }
    const current = await store.get(record.id).catch(() => undefined);
    const timeout = current && timeoutEvent(current, now());
    if (timeout !== undefined) await this.apply(record.id, timeout);
  }
}
