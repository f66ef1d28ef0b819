import { AbortError } from './transport-errors.js';

/**
 * Settles like `work`, or rejects with an {@link AbortError} as soon as `signal` aborts, for
 * waits whose own implementation may not honour a signal (an injected `sleep`, a user callback,
 * a lock). `work` is not cancelled: a late rejection of it is swallowed.
 *
 * @param work - What to wait for.
 * @param signal - The caller's signal; without one, `work` is returned as it is.
 * @param what - What was waited for, for the error's message. Default `'the wait'`.
 * @returns `work`'s value.
 * @throws {@link AbortError} when `signal` aborts first (or had aborted already), with the
 *   signal's reason as its cause; otherwise whatever `work` rejects with.
 * @example
 * ```ts
 * await abortable(showCodeToUser(code), signal, 'showing the code');
 * ```
 */
export function abortable<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  what = 'the wait',
): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      work.catch(noop);
      reject(abortedDuring(signal, what));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Throws an {@link AbortError} when `signal` has aborted: the check before starting a step.
 *
 * @param signal - The caller's signal.
 * @param what - What was about to happen, for the error's message.
 * @throws {@link AbortError} when `signal` has aborted, with its reason as the cause.
 */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortedDuring(signal, what);
}

function abortedDuring(signal: AbortSignal, what: string): AbortError {
  return new AbortError(`Cancelled by the caller’s signal during ${what}.`, {
    cause: signal.reason,
  });
}

function noop(): void {}
