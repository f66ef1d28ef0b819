import { AbortError } from '@latch/core';

/**
 * Settles like `work`, or rejects with core's `AbortError` as soon as `signal` aborts — without
 * stopping `work`, which other callers may share.
 * @internal
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) {
    work.catch(noop);
    return Promise.reject(aborted(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      work.catch(noop);
      reject(aborted(signal));
    };
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

function aborted(signal: AbortSignal): AbortError {
  return new AbortError('The wait was cancelled by the caller’s signal.', { cause: signal.reason });
}

function noop(): void {}
