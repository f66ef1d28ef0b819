import { createRequire } from 'node:module';

/**
 * The keychain operations {@link KeyringStore} needs, one secret per (service, account). The
 * default, {@link osKeyring}, is the OS keychain through `@napi-rs/keyring`; pass another
 * (a plain object) to test faults a real keychain cannot be made to produce.
 */
export interface KeyringBackend {
  /**
   * Reads a secret.
   *
   * @returns Its bytes, or `null` when there is none.
   */
  get(service: string, account: string, signal: AbortSignal): Promise<Uint8Array | null>;
  /** Writes a secret, replacing any. */
  set(service: string, account: string, secret: Uint8Array, signal: AbortSignal): Promise<void>;
  /**
   * Deletes a secret.
   *
   * @returns Whether there was one.
   */
  delete(service: string, account: string, signal: AbortSignal): Promise<boolean>;
}

/**
 * The options every keychain entry is made with. On Linux they pin the Secret Service: without
 * the pin, `@napi-rs/keyring` silently falls back to the kernel keyring, which is lost on
 * reboot. With it, a missing Secret Service is an error instead.
 *
 * @internal
 */
export const ENTRY_OPTIONS = Object.freeze({ linux: Object.freeze({ store: 'secret-service' }) });

type KeyringModule = typeof import('@napi-rs/keyring');

let loaded: Promise<KeyringModule> | undefined;

/**
 * Loads `@napi-rs/keyring` on first use, so that a platform without its native binary can
 * still use the file and memory stores.
 */
function loadKeyring(): Promise<KeyringModule> {
  loaded ??= import('@napi-rs/keyring');
  return loaded;
}

/**
 * The absolute path of `@napi-rs/keyring`'s entry point, for the probe's worker thread.
 *
 * @internal
 */
export function keyringModulePath(): string {
  return createRequire(import.meta.url).resolve('@napi-rs/keyring');
}

async function entry(service: string, account: string) {
  const { AsyncEntry } = await loadKeyring();
  // The constructor talks to the keychain synchronously (on Linux it opens the D-Bus
  // connection); the operations below run on the thread pool.
  return new AsyncEntry(service, account, ENTRY_OPTIONS as { linux: { store: 'secret-service' } });
}

/**
 * The OS keychain: the macOS Keychain, the Windows Credential Manager, or the freedesktop
 * Secret Service on Linux and BSD (GNOME Keyring, KWallet, KeePassXC) — pinned, never the
 * Linux kernel keyring.
 *
 * @see {@link https://specifications.freedesktop.org/secret-service-spec/latest/ | Secret Service API}
 */
export const osKeyring: KeyringBackend = Object.freeze({
  async get(service: string, account: string, signal: AbortSignal): Promise<Uint8Array | null> {
    const secret = await (await entry(service, account)).getSecret(signal);
    return secret === null ? null : Uint8Array.from(secret);
  },
  async set(service: string, account: string, secret: Uint8Array, signal: AbortSignal) {
    await (await entry(service, account)).setSecret(secret, signal);
  },
  async delete(service: string, account: string, signal: AbortSignal): Promise<boolean> {
    return (await entry(service, account)).deleteCredential(signal);
  },
});
