import { AbortError } from '@latch/core';

/**
 * Settles like `promise`, except that it rejects with core's `AbortError` as soon as
 * `signal` aborts (or at once when it already has), even if `promise` ignores the signal. A
 * rejection of `promise` after an abort also becomes that `AbortError`. A late settlement of
 * `promise` is dropped.
 *
 * @param promise - What to wait for (a caller's `sleep`, a caller's callback).
 * @param signal - The caller's signal. Default: none (then `promise` as is).
 * @param what - What is cancelled, for the message ("the wait before the next poll").
 * @returns What `promise` resolves to.
 * @throws `AbortError` when `signal` aborts first.
 * @internal
 */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal, what));
    if (signal.aborted) {
      promise.catch(() => {});
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? abortError(signal, what) : error);
      },
    );
  });
}

/**
 * Throws core's `AbortError` when `signal` has aborted.
 *
 * @param signal - The caller's signal.
 * @param what - What is cancelled, for the message.
 * @throws `AbortError` when `signal.aborted`.
 * @internal
 */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortError(signal, what);
}

function abortError(signal: AbortSignal, what: string): AbortError {
  return new AbortError(`The device login was cancelled by the caller's signal during ${what}.`, {
    cause: signal.reason,
  });
}
