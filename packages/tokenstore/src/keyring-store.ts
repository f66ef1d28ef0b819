import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { resolveRuntime, type TokenSet } from '@latch/core';
import { CorruptStoreError, type CorruptStoreReason, ValueTooLargeError } from './errors.js';
import { type KeyringBackend, osKeyring } from './keyring-backend.js';
import { callKeyring, type Sleep } from './keyring-call.js';
import {
  buildManifest,
  type ChunkManifest,
  joinParts,
  parseStoredValue,
  partAccount,
  splitValue,
} from './keyring-chunks.js';
import { assertAccountKey, assertServiceName } from './store-key.js';
import type { RandomBytes } from './store-key-material.js';
import { tokenSetToStore } from './token-set-codec.js';
import type { StoreCallOptions, TokenStore } from './token-store.js';

/** The time bound of one keychain operation by default: 10 s. */
export const DEFAULT_KEYRING_TIMEOUT_MS = 10_000;
/** The largest token set a keychain store accepts by default: 64 KiB of JSON. */
export const DEFAULT_MAX_VALUE_BYTES = 64 * 1024;
/**
 * The largest secret written to the Windows Credential Manager, whose limit is 2,560 bytes
 * (`CRED_MAX_CREDENTIAL_BLOB_SIZE`); larger values are split into parts.
 */
export const WINDOWS_MAX_SECRET_BYTES = 2048;
/** The largest secret written to the other keychains before splitting: 16 KiB. */
export const DEFAULT_MAX_SECRET_BYTES = 16 * 1024;

/**
 * Options of {@link KeyringStore}.
 */
export interface KeyringStoreOptions {
  /** The keychain service name, one per CLI (e.g. `mycli`): 1–128 of `A–Z a–z 0–9 . _ -`. */
  readonly service: string;
  /**
   * The time bound of each keychain operation, in ms; past it the call rejects with
   * {@link KeyringUnavailableError}. Default: {@link DEFAULT_KEYRING_TIMEOUT_MS}.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The largest secret written as one keychain entry, in bytes; a larger token set is split
   * into parts. Default: {@link WINDOWS_MAX_SECRET_BYTES} on Windows,
   * {@link DEFAULT_MAX_SECRET_BYTES} elsewhere.
   */
  readonly maxSecretBytes?: number | undefined;
  /**
   * The largest token set accepted, in bytes of JSON; a larger one is refused with
   * {@link ValueTooLargeError}. Default: {@link DEFAULT_MAX_VALUE_BYTES}.
   */
  readonly maxValueBytes?: number | undefined;
  /** The operating system, for the default `maxSecretBytes`. Default: `process.platform`. */
  readonly platform?: NodeJS.Platform | undefined;
  /** The keychain. Default: {@link osKeyring}. */
  readonly keyring?: KeyringBackend | undefined;
  /** Waits for the time bound. Default: `sleep` from `@latch/core`. */
  readonly sleep?: Sleep | undefined;
  /** The source of part generation ids. Default: `crypto.randomBytes`. */
  readonly randomBytes?: RandomBytes | undefined;
}

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`options.${name} must be a positive integer`);
  }
  return value;
}

/**
 * A {@link TokenStore} in the OS keychain: one secret per account under the store's service,
 * holding the token set as JSON. On Linux it uses the Secret Service and never the kernel
 * keyring. A token set larger than one secret may hold is split into parts plus a manifest
 * (parts first, manifest last); one larger than `maxValueBytes` is refused, never truncated.
 *
 * Every operation is bounded by `timeoutMs`. Use {@link openTokenStore} to check that the
 * keychain works before relying on it.
 *
 * @example
 * ```ts
 * const store = new KeyringStore({ service: 'mycli' });
 * await store.save(storeKey({ issuer: 'https://login.example.com' }), tokens);
 * ```
 */
export class KeyringStore implements TokenStore {
  /** The keychain service name. */
  readonly service: string;
  readonly #keyring: KeyringBackend;
  readonly #timeoutMs: number;
  readonly #maxSecretBytes: number;
  readonly #maxValueBytes: number;
  readonly #sleep: Sleep;
  readonly #random: RandomBytes;

  /**
   * @param options - Service, limits, time bound and injectable keychain.
   * @throws TypeError when the service or a limit is invalid.
   */
  constructor(options: KeyringStoreOptions) {
    assertServiceName(options?.service);
    this.service = options.service;
    this.#keyring = options.keyring ?? osKeyring;
    this.#timeoutMs = positiveInteger(options.timeoutMs, 'timeoutMs', DEFAULT_KEYRING_TIMEOUT_MS);
    const platform = options.platform ?? process.platform;
    this.#maxSecretBytes = positiveInteger(
      options.maxSecretBytes,
      'maxSecretBytes',
      platform === 'win32' ? WINDOWS_MAX_SECRET_BYTES : DEFAULT_MAX_SECRET_BYTES,
    );
    if (this.#maxSecretBytes < 256) throw new TypeError('options.maxSecretBytes must be ≥ 256');
    this.#maxValueBytes = positiveInteger(
      options.maxValueBytes,
      'maxValueBytes',
      DEFAULT_MAX_VALUE_BYTES,
    );
    this.#sleep = resolveRuntime({ sleep: options.sleep }).sleep;
    this.#random = options.randomBytes ?? cryptoRandomBytes;
  }

  /**
   * Reads the token set stored under `key`, joining its parts when it was split.
   *
   * @param key - The account key.
   * @param options - Signal.
   * @returns The token set, or `undefined`.
   * @throws TypeError when `key` is not a valid account key.
   * @throws {@link CorruptStoreError} when the entry is not a token set or its parts do not match.
   * @throws {@link KeyringUnavailableError} when the keychain fails or does not answer in time.
   */
  async load(key: string, options?: StoreCallOptions): Promise<TokenSet | undefined> {
    assertAccountKey(key);
    const secret = await this.#get(key, options);
    if (secret === null) return undefined;
    const stored = parseStoredValue(secret);
    if (!stored.ok) throw this.#corrupt(key, stored.reason, stored.detail);
    if (stored.value.kind === 'tokens') return stored.value.tokens;

    const { manifest } = stored.value;
    const parts: (Uint8Array | null)[] = [];
    for (let index = 0; index < manifest.parts; index++) {
      parts.push(await this.#get(partAccount(key, manifest.id, index), options));
    }
    const joined = joinParts(manifest, parts);
    if (!joined.ok) throw this.#corrupt(key, joined.reason, joined.detail);
    const whole = parseStoredValue(joined.value);
    if (!whole.ok || whole.value.kind !== 'tokens') {
      throw this.#corrupt(key, 'invalid_content', 'its joined parts are not a token set');
    }
    return whole.value.tokens;
  }

  /**
   * Stores `tokens` under `key`, split into parts when larger than `maxSecretBytes`.
   *
   * @param key - The account key.
   * @param tokens - The token set.
   * @param options - Signal.
   * @throws TypeError when `key` or `tokens` is not valid.
   * @throws {@link ValueTooLargeError} when the token set is larger than `maxValueBytes`.
   * @throws {@link KeyringUnavailableError} when the keychain fails or does not answer in time.
   */
  async save(key: string, tokens: TokenSet, options?: StoreCallOptions): Promise<void> {
    assertAccountKey(key);
    const value = Buffer.from(JSON.stringify(tokenSetToStore(tokens)), 'utf8');
    if (value.length > this.#maxValueBytes) {
      throw new ValueTooLargeError(
        `The token set is ${value.length} bytes, more than the ${this.#maxValueBytes} bytes the ` +
          'keychain store accepts; nothing was saved. Ask for fewer scopes, or raise maxValueBytes.',
        { bytes: value.length, limit: this.#maxValueBytes },
      );
    }
    const previous = await this.#manifestOf(key, options);
    let id: string | undefined;
    if (value.length <= this.#maxSecretBytes) {
      await this.#set(key, value, options);
    } else {
      id = Buffer.from(this.#random(8)).toString('hex');
      const parts = splitValue(value, this.#maxSecretBytes);
      for (const [index, part] of parts.entries()) {
        await this.#set(partAccount(key, id, index), part, options);
      }
      await this.#set(key, buildManifest(value, id, parts.length), options);
    }
    if (previous !== undefined && previous.id !== id) {
      await this.#deleteParts(key, previous, options);
    }
  }

  /**
   * Removes the entry under `key` and its parts; an absent entry is fine. Also removes an entry
   * that cannot be read back (the way out of a {@link CorruptStoreError}).
   *
   * @param key - The account key.
   * @param options - Signal.
   * @throws TypeError when `key` is not a valid account key.
   * @throws {@link KeyringUnavailableError} when the keychain fails or does not answer in time.
   */
  async delete(key: string, options?: StoreCallOptions): Promise<void> {
    assertAccountKey(key);
    const manifest = await this.#manifestOf(key, options);
    await this.#call((signal) => this.#keyring.delete(this.service, key, signal), options);
    if (manifest !== undefined) await this.#deleteParts(key, manifest, options);
  }

  /** The manifest stored under `key`, if the entry is a readable manifest. */
  async #manifestOf(key: string, options?: StoreCallOptions): Promise<ChunkManifest | undefined> {
    const secret = await this.#get(key, options);
    if (secret === null) return undefined;
    const stored = parseStoredValue(secret);
    return stored.ok && stored.value.kind === 'manifest' ? stored.value.manifest : undefined;
  }

  /** Removes the parts of a replaced or deleted value; a failure only leaves unused parts. */
  async #deleteParts(key: string, manifest: ChunkManifest, options?: StoreCallOptions) {
    for (let index = 0; index < manifest.parts; index++) {
      const account = partAccount(key, manifest.id, index);
      await this.#call(
        (signal) => this.#keyring.delete(this.service, account, signal),
        options,
      ).catch(() => undefined);
    }
  }

  #get(account: string, options?: StoreCallOptions): Promise<Uint8Array | null> {
    return this.#call((signal) => this.#keyring.get(this.service, account, signal), options);
  }

  #set(account: string, secret: Uint8Array, options?: StoreCallOptions): Promise<void> {
    return this.#call(
      (signal) => this.#keyring.set(this.service, account, secret, signal),
      options,
    );
  }

  #call<T>(operation: (signal: AbortSignal) => Promise<T>, options?: StoreCallOptions): Promise<T> {
    return callKeyring(operation, {
      service: this.service,
      timeoutMs: this.#timeoutMs,
      sleep: this.#sleep,
      signal: options?.signal,
    });
  }

  #corrupt(key: string, reason: CorruptStoreReason, detail: string): CorruptStoreError {
    return new CorruptStoreError(
      `Cannot read the keychain entry "${key}" of service "${this.service}": ${detail}. ` +
        'Delete it (log out) and log in again.',
      { location: `keychain service "${this.service}" account "${key}"`, reason },
    );
  }
}
