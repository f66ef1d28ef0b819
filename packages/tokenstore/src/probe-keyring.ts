import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { resolveRuntime } from '@latch/core';
import type { KeyringUnavailableError } from './errors.js';
import { ENTRY_OPTIONS, type KeyringBackend, keyringModulePath } from './keyring-backend.js';
import { callKeyring, type Sleep } from './keyring-call.js';
import { assertServiceName } from './store-key.js';
import type { RandomBytes } from './store-key-material.js';

/** The time bound of {@link probeKeyring} by default: 1.5 s. */
export const DEFAULT_PROBE_TIMEOUT_MS = 1_500;

/**
 * Options of {@link probeKeyring}.
 */
export interface ProbeKeyringOptions {
  /** The keychain service name the store will use. */
  readonly service: string;
  /** The time bound of the whole probe, in ms. Default: {@link DEFAULT_PROBE_TIMEOUT_MS}. */
  readonly timeoutMs?: number | undefined;
  /**
   * The keychain to probe. Default: the OS keychain, probed from a worker thread so that a
   * keychain that hangs cannot block this thread past the time bound.
   */
  readonly keyring?: KeyringBackend | undefined;
  /** Stops the probe: it then rejects with core's `AbortError`. Default: none. */
  readonly signal?: AbortSignal | undefined;
  /** Waits for the time bound. Default: `sleep` from `@latch/core`. */
  readonly sleep?: Sleep | undefined;
  /** The source of the probe's random value. Default: `crypto.randomBytes`. */
  readonly randomBytes?: RandomBytes | undefined;
}

/** What {@link probeKeyring} found. */
export type KeyringProbe =
  | {
      /** The keychain stored, returned and deleted the probe value. */
      readonly usable: true;
    }
  | {
      /** The keychain cannot be used. */
      readonly usable: false;
      /** Why the keychain cannot be used; `error.reason` is the short phrase. */
      readonly error: KeyringUnavailableError;
    };

// Runs in a worker thread (CommonJS, given the module path): on Linux even the constructor of
// an entry talks to D-Bus synchronously, and a daemon that hangs holds it for seconds.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { service, account, value, modulePath, entryOptions } = workerData;
(async () => {
  let entry;
  try {
    const { AsyncEntry } = require(modulePath);
    entry = new AsyncEntry(service, account, entryOptions);
    await entry.setSecret(Buffer.from(value, 'utf8'));
    const read = await entry.getSecret();
    const same = read !== null && Buffer.from(read).toString('utf8') === value;
    await entry.deleteCredential();
    parentPort.postMessage(same ? { ok: true } : { ok: false, message: 'the keychain returned another value than the one written' });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
  }
})();
`;

async function probeInWorker(
  workerData: Record<string, unknown>,
  signal: AbortSignal,
): Promise<void> {
  // Loaded here: opening a store that is not the keyring loads no worker code.
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  worker.unref();
  const stop = (): void => {
    worker.terminate().catch(() => undefined);
  };
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop(); // while the worker code loaded
  return new Promise<void>((resolve, reject) => {
    worker.once('message', (message: { ok: boolean; message?: string }) => {
      if (message.ok) resolve();
      else reject(new Error(message.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the probe worker exited with code ${code}`)));
  }).finally(() => {
    signal.removeEventListener('abort', stop);
    stop();
  });
}

async function probeInline(
  keyring: KeyringBackend,
  service: string,
  account: string,
  value: string,
  signal: AbortSignal,
): Promise<void> {
  const written = Buffer.from(value, 'utf8');
  await keyring.set(service, account, written, signal);
  try {
    const read = await keyring.get(service, account, signal);
    if (read === null || !Buffer.from(read).equals(written)) {
      throw new Error('the keychain returned another value than the one written');
    }
  } finally {
    await keyring.delete(service, account, signal);
  }
}

/**
 * Checks that the OS keychain works, within a time bound: writes a random value under a
 * throw-away account of `service`, reads it back and deletes it. Never throws for an unusable
 * keychain; says why instead.
 *
 * @param options - Service, time bound, keychain and signal.
 * @returns `{ usable: true }`, or `{ usable: false, error }` with a
 *   {@link KeyringUnavailableError} whose `reason` says why (no session bus, no Secret Service,
 *   no answer within the bound, locked, …).
 * @throws TypeError when the service or time bound is invalid.
 * @throws `AbortError` (from `@latch/core`) when `signal` aborts.
 * @example
 * ```ts
 * const probe = await probeKeyring({ service: 'mycli' });
 * if (!probe.usable) console.warn(`No keychain: ${probe.error.reason}`);
 * ```
 */
export async function probeKeyring(options: ProbeKeyringOptions): Promise<KeyringProbe> {
  assertServiceName(options?.service);
  const { service, keyring, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
    throw new TypeError('options.timeoutMs must be a positive integer');
  }
  const random = options.randomBytes ?? cryptoRandomBytes;
  const account = `latch-probe-${Buffer.from(random(8)).toString('hex')}`;
  const value = Buffer.from(random(16)).toString('base64url');
  const { sleep } = resolveRuntime({ sleep: options.sleep });
  try {
    await callKeyring(
      (callSignal) =>
        keyring === undefined
          ? probeInWorker(
              {
                service,
                account,
                value,
                modulePath: keyringModulePath(),
                entryOptions: ENTRY_OPTIONS,
              },
              callSignal,
            )
          : probeInline(keyring, service, account, value, callSignal),
      { service, timeoutMs, sleep, signal },
    );
    return { usable: true };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { usable: false, error: error as KeyringUnavailableError };
  }
}
