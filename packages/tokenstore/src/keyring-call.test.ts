import { AbortError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { KeyringUnavailableError } from './errors.js';
import { callKeyring, keyringFailureReason } from './keyring-call.js';
import { rejectionOf } from './test-support/secrets.js';

const base = { service: 'mycli', timeoutMs: 1_000 };
const never = () => new Promise<never>(() => undefined);

describe('callKeyring', () => {
  it('returns what the operation returns, with the time bound still pending', async () => {
    const sleep = () => new Promise<void>(() => undefined);
    expect(await callKeyring(async () => 42, { ...base, sleep })).toBe(42);
  });

  it('passes a signal to the operation that aborts once the call is over', async () => {
    let seen: AbortSignal | undefined;
    const sleep = async () => undefined;
    await rejectionOf(() =>
      callKeyring(
        (signal) => {
          seen = signal;
          return never();
        },
        { ...base, sleep },
      ),
    );
    expect(seen?.aborted).toBe(true);
  });

  it('turns a failure into KeyringUnavailableError with the cause chained', async () => {
    const cause = new Error('Platform failure: DBus error: Did not receive a reply');
    const error = await rejectionOf(() =>
      callKeyring(
        async () => {
          throw cause;
        },
        { ...base, sleep: never },
      ),
    );
    expect(KeyringUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ service: 'mycli', reason: 'the Secret Service did not answer' });
    expect((error as Error).cause).toBe(cause);
    expect((error as Error).message).toContain('"mycli"');
  });

  it('turns an abort into AbortError, also when already aborted', async () => {
    const controller = new AbortController();
    const pending = callKeyring(never, {
      ...base,
      sleep: (ms, s) =>
        new Promise((_, reject) =>
          s?.addEventListener('abort', () => reject(new Error(String(ms)))),
        ),
      signal: controller.signal,
    });
    controller.abort();
    expect(AbortError.isInstance(await rejectionOf(() => pending))).toBe(true);
    const early = await rejectionOf(() =>
      callKeyring(never, { ...base, sleep: never, signal: AbortSignal.abort() }),
    );
    expect(AbortError.isInstance(early)).toBe(true);
  });
});

describe('keyringFailureReason', () => {
  it('names the known Linux failures and keeps other messages short', () => {
    expect(
      keyringFailureReason(
        new Error(
          'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
        ),
      ),
    ).toBe('no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set');
    expect(
      keyringFailureReason(
        new Error(
          'org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
        ),
      ),
    ).toBe('no Secret Service (e.g. gnome-keyring) runs on the session bus');
    expect(keyringFailureReason(new Error(`x\u0007y\n${'z'.repeat(400)}`))).toBe('x y');
    expect(keyringFailureReason(new Error('q'.repeat(400))).length).toBe(158);
    expect(keyringFailureReason('')).toBe('unknown failure');
  });
});
