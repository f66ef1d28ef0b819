import { AbortError } from '@latch/core';
import { KeyringUnavailableError } from './errors.js';

/** The `sleep` seam: waits `ms` unless `signal` aborts (then rejects). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it drops
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/**
 * Turns a keychain failure into a short phrase for messages: the known Linux cases in words,
 * anything else as the first line of the platform's message (which never holds the secret).
 * Pure.
 *
 * @internal
 */
export function keyringFailureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/DBUS_SESSION_BUS_ADDRESS|autolaunch/i.test(text)) {
    return 'no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set';
  }
  if (/ServiceUnknown|org\.freedesktop\.secrets|was not provided by any \.service/i.test(text)) {
    return 'no Secret Service (e.g. gnome-keyring) runs on the session bus';
  }
  if (/Did not receive a reply|NoReply|timed? ?out/i.test(text)) {
    return 'the Secret Service did not answer';
  }
  if (/locked|dismissed|cancel/i.test(text)) {
    return 'the keychain is locked or the unlock prompt was dismissed';
  }
  const line = (text.split('\n')[0] ?? '').replace(CONTROL, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line || 'unknown failure';
}

/**
 * Options of {@link callKeyring}.
 *
 * @internal
 */
export interface CallKeyringOptions {
  /** The store's service name, for errors. */
  readonly service: string;
  /** The time bound in ms. */
  readonly timeoutMs: number;
  /** Waits for the time bound. */
  readonly sleep: Sleep;
  /** The caller's signal. */
  readonly signal?: AbortSignal | undefined;
}

const TIMED_OUT = Symbol('timed out');
const CANCELLED = Symbol('cancelled');

/**
 * Runs one keychain operation within a time bound and the caller's signal; a failure becomes a
 * {@link KeyringUnavailableError}, a caller's abort core's `AbortError`.
 *
 * @internal
 */
export async function callKeyring<T>(
  operation: (signal: AbortSignal) => Promise<T>,
  options: CallKeyringOptions,
): Promise<T> {
  const { service, timeoutMs, sleep, signal } = options;
  if (signal?.aborted) throw aborted(signal);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = sleep(timeoutMs, controller.signal).then(
    () => TIMED_OUT,
    () => CANCELLED,
  );
  try {
    const pending = operation(controller.signal);
    pending.catch(() => undefined); // it may still fail after the race is decided
    const outcome = await Promise.race([pending.then((value) => ({ value })), timer]);
    if (typeof outcome === 'symbol') {
      if (outcome === CANCELLED) throw aborted(signal);
      const reason = `the keychain did not answer within ${timeoutMs} ms`;
      throw new KeyringUnavailableError(unavailableMessage(service, reason), { service, reason });
    }
    return outcome.value;
  } catch (error) {
    if (signal?.aborted) throw aborted(signal);
    if (KeyringUnavailableError.isInstance(error)) throw error;
    const reason = keyringFailureReason(error);
    throw new KeyringUnavailableError(unavailableMessage(service, reason), {
      service,
      reason,
      cause: error,
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

/**
 * The message of a {@link KeyringUnavailableError}.
 *
 * @internal
 */
export function unavailableMessage(service: string, reason: string): string {
  return (
    `The OS keychain cannot be used for "${service}" (${reason}). Unlock or start the ` +
    'keychain (on Linux, a Secret Service such as gnome-keyring on the D-Bus session bus), ' +
    'or use the encrypted file store.'
  );
}

function aborted(signal: AbortSignal | undefined): AbortError {
  return new AbortError('The keychain operation was cancelled by the caller’s signal.', {
    cause: signal?.reason,
  });
}
