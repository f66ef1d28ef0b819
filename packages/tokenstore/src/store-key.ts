import { normalizeIssuer } from '@latch/core';

/** The profile {@link storeKey} uses when none is given. */
export const DEFAULT_PROFILE = 'default';

const PROFILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_ACCOUNT_LENGTH = 512;

/**
 * Options of {@link storeKey}.
 */
export interface StoreKeyOptions {
  /** The issuer identifier; normalised with `normalizeIssuer` from `@latch/core`. */
  readonly issuer: string | URL;
  /**
   * The profile name: 1–64 characters of `A–Z a–z 0–9 . _ -`, starting with a letter or
   * digit. Default: {@link DEFAULT_PROFILE} (`'default'`).
   */
  readonly profile?: string | undefined;
}

/**
 * Builds the account key a CLI stores one login under: the normalised issuer and the profile
 * name, as `ISSUER#PROFILE`. Two spellings of one issuer give the same key. Pure.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc3986#section-6.2.2 | RFC 3986 §6.2.2}
 * @param options - Issuer and profile.
 * @returns The account key, e.g. `https://login.example.com#work`.
 * @throws TypeError when the issuer is not a valid issuer identifier or the profile is not a
 *   valid profile name.
 * @example
 * ```ts
 * storeKey({ issuer: 'HTTPS://Login.Example.COM:443/', profile: 'work' });
 * // 'https://login.example.com#work'
 * ```
 */
export function storeKey(options: StoreKeyOptions): string {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('storeKey(options): options must be an object with an issuer');
  }
  const profile = options.profile ?? DEFAULT_PROFILE;
  if (typeof profile !== 'string' || !PROFILE.test(profile)) {
    throw new TypeError(
      'storeKey: profile must be 1–64 characters of A–Z a–z 0–9 . _ -, starting with a letter or digit',
    );
  }
  return `${normalizeIssuer(options.issuer)}#${profile}`;
}

/**
 * Checks an account key: a non-empty string of at most 512 characters without control
 * characters.
 *
 * @throws TypeError when it is not.
 * @internal
 */
export function assertAccountKey(key: unknown): asserts key is string {
  if (
    typeof key !== 'string' ||
    key.length === 0 ||
    key.length > MAX_ACCOUNT_LENGTH ||
    CONTROL.test(key)
  ) {
    throw new TypeError(
      'A store key must be a non-empty string of at most 512 characters without control characters (see storeKey())',
    );
  }
}

/**
 * Checks a service name: 1–128 characters of `A–Z a–z 0–9 . _ -`, starting with a letter or
 * digit, so it is also a safe directory name.
 *
 * @throws TypeError when it is not.
 * @internal
 */
export function assertServiceName(service: unknown): asserts service is string {
  if (typeof service !== 'string' || !SERVICE.test(service)) {
    throw new TypeError(
      'options.service must be 1–128 characters of A–Z a–z 0–9 . _ -, starting with a letter or digit (e.g. "mycli")',
    );
  }
}
