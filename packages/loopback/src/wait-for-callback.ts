import type { Callback } from './callback.js';
import { CallbackRejectedError } from './callback-rejected-error.js';
import { type ParseCallbackUrlOptions, parseCallbackUrl } from './parse-callback-url.js';

/**
 * What a {@link ReadPastedUrl} hook is told.
 */
export interface ReadPastedUrlContext {
  /** Fires when the login ended another way (the loopback callback, timeout, abort). */
  readonly signal: AbortSignal;
  /** Why the previous paste was refused, when one was; tell the user, then read again. */
  readonly rejected?: CallbackRejectedError;
}

/**
 * Reads the address the browser ended on, pasted by the user (for a browser on another
 * machine). Resolves with the pasted text; should stop when `context.signal` aborts.
 */
export type ReadPastedUrl = (context: ReadPastedUrlContext) => Promise<string>;

/** How many refused pastes end the login (so a hook that returns at once cannot spin). */
const MAX_PASTES = 10;

/**
 * Waits for the first of the loopback callback and a valid pasted URL. A refused paste asks
 * again (with the reason); the loser is cancelled.
 *
 * @param loopback - The loopback server's result.
 * @param read - The paste hook, or `undefined` for the loopback alone.
 * @param expected - What a pasted URL must match.
 * @returns The callback.
 * @throws Whatever the loopback result or the hook rejects with; `OAuthError` for a pasted
 *   error response; the last {@link CallbackRejectedError} after too many refused pastes.
 * @internal
 */
export async function waitForCallback(
  loopback: Promise<Callback>,
  read: ReadPastedUrl | undefined,
  expected: ParseCallbackUrlOptions,
): Promise<Callback> {
  if (read === undefined) return loopback;
  const controller = new AbortController();
  try {
    return await Promise.race([loopback, readPastes(read, expected, controller.signal)]);
  } finally {
    controller.abort();
  }
}

async function readPastes(
  read: ReadPastedUrl,
  expected: ParseCallbackUrlOptions,
  signal: AbortSignal,
): Promise<Callback> {
  let rejected: CallbackRejectedError | undefined;
  for (let attempt = 1; ; attempt++) {
    const pasted = await read(rejected === undefined ? { signal } : { signal, rejected });
    try {
      return parseCallbackUrl(pasted, expected);
    } catch (error) {
      if (!CallbackRejectedError.isInstance(error) || attempt >= MAX_PASTES) throw error;
      rejected = error;
    }
  }
}
