import { abortable } from '@latch/core';

/**
 * A first-come, first-served lock for the async sections of one process: refresh, save and
 * delete run one at a time, always taking it before the cross-process lock.
 * @internal
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /**
   * Waits for the sections queued before this one.
   *
   * @param signal - Stops waiting (core's `AbortError`); the place in the queue is given up.
   * @returns The function that ends this section; call it exactly once.
   */
  async lock(signal?: AbortSignal): Promise<() => void> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => done);
    try {
      await abortable(previous, signal);
    } catch (error) {
      // Give the place up once it comes, so the sections queued behind it still run.
      void previous.then(release);
      throw error;
    }
    return release;
  }
}
