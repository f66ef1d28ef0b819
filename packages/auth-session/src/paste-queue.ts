import { AbortError } from '@latch/core';

/**
 * Pasted callback URLs waiting for a login that reads them one at a time (loopback's
 * `readPastedUrl`): `push` from the manager, `next` from the login.
 *
 * @internal
 */
export class PasteQueue {
  readonly #pasted: string[] = [];
  #waiter: ((url: string) => void) | undefined;

  /** Queues a paste, or hands it to a waiting reader. Keeps at most 10. */
  push(url: string): boolean {
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter(url);
      return true;
    }
    if (this.#pasted.length >= 10) return false;
    this.#pasted.push(url);
    return true;
  }

  /** The next paste; rejects with core's `AbortError` when `signal` aborts first. */
  next(signal: AbortSignal): Promise<string> {
    const queued = this.#pasted.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise<string>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.#waiter === deliver) this.#waiter = undefined;
        reject(new AbortError('No callback URL was pasted.', { cause: signal.reason }));
      };
      const deliver = (url: string): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(url);
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      this.#waiter = deliver;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
