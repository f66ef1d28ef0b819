import { Agent, type Dispatcher } from 'undici';
import type { FetchInit, FetchLike } from '../http-options.js';

/** Resolves when `promise` does, or rejects after `ms` — a loose upper bound, not a timing test. */
export function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms),
    ),
  ]);
}

/** A fetch that records its calls and answers from `respond`. */
export function recordingFetch(
  respond: () => Promise<Response>,
): FetchLike & { calls: FetchInit[] } {
  const calls: FetchInit[] = [];
  const fetch = (async (_url: string, init: FetchInit) => {
    calls.push(init);
    return respond();
  }) as FetchLike & { calls: FetchInit[] };
  fetch.calls = calls;
  return fetch;
}

/** An undici Agent that counts the requests dispatched through it. */
export class RecordingAgent extends Agent {
  calls = 0;
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
    this.calls++;
    return super.dispatch(options, handler);
  }
}
