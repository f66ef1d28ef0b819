import type { AuthDriver, DriverFactory, SessionReporter } from './driver.js';

interface Running {
  readonly controller: AbortController;
  driver?: AuthDriver;
  done: Promise<void>;
}

/** What {@link LocalSessions.launch} needs. @internal */
export interface LaunchRequest {
  readonly sessionId: string;
  readonly providerId: string;
  readonly intoBundleId: string | undefined;
  readonly factory: DriverFactory;
  readonly report: SessionReporter;
  /** Runs once the driver has stopped, with the error it failed with, if any. */
  readonly onStopped: (error: unknown) => Promise<void>;
}

/**
 * The drivers this manager instance runs: each with the controller that stops it, its
 * paste-back hook, and the promise of its end.
 *
 * @internal
 */
export class LocalSessions {
  readonly #running = new Map<string, Running>();

  /** The ids of the sessions running here. */
  ids(): string[] {
    return [...this.#running.keys()];
  }

  /**
   * Starts a driver.
   *
   * @returns The signal that aborts when the session ends here.
   */
  launch(request: LaunchRequest): AbortSignal {
    const controller = new AbortController();
    const running: Running = { controller, done: Promise.resolve() };
    this.#running.set(request.sessionId, running);
    running.done = this.#drive(request, running);
    return controller.signal;
  }

  /** Stops a session's driver and resolves once it has stopped (at once when not running here). */
  async stop(sessionId: string): Promise<void> {
    const running = this.#running.get(sessionId);
    if (running === undefined) return;
    running.controller.abort();
    await running.done;
  }

  /**
   * Hands a pasted URL to a session's driver.
   *
   * @returns Whether the driver took it.
   */
  async submit(sessionId: string, url: string): Promise<boolean> {
    const driver = this.#running.get(sessionId)?.driver;
    if (driver?.submitCallbackUrl === undefined) return false;
    return (await driver.submitCallbackUrl(url)) === true;
  }

  async #drive(request: LaunchRequest, running: Running): Promise<void> {
    await Promise.resolve(); // let launch() return before the factory runs
    let failure: unknown;
    try {
      if (running.controller.signal.aborted) return; // ended before it started
      const driver = await request.factory({
        sessionId: request.sessionId,
        providerId: request.providerId,
        intoBundleId: request.intoBundleId,
        signal: running.controller.signal,
        report: request.report,
      });
      running.driver = driver;
      await driver.done;
    } catch (error) {
      failure = error ?? new Error('driver failed');
    } finally {
      running.controller.abort();
      this.#running.delete(request.sessionId);
    }
    await request.onStopped(failure);
  }
}
