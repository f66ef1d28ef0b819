import { createHash } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import { defaultLockDir } from './default-lock-dir.js';

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The file name a lock is kept under: the SHA-256 of its name (UTF-8), in hex, plus `.lock`.
 *
 * Hashing lets any string be a lock name — a URL, a key with slashes, `../..` — without path
 * traversal, and keeps the name itself out of the file system.
 *
 * @param name - The lock's name: any non-empty string of well-formed Unicode.
 * @returns A 69-character file name, e.g. `'9f86d0…0f00a08.lock'`.
 * @throws TypeError when `name` is not a non-empty string or holds a lone surrogate (two such
 *   names would share a lock).
 * @example
 * ```ts
 * lockFileName('refresh:https://login.example.com'); // → '<64 hex digits>.lock'
 * ```
 */
export function lockFileName(name: string): string {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('A lock name must be a non-empty string.');
  }
  if (LONE_SURROGATE.test(name)) {
    throw new TypeError('A lock name must be well-formed Unicode (it holds a lone surrogate).');
  }
  return `${createHash('sha256').update(name, 'utf8').digest('hex')}.lock`;
}

/**
 * The absolute path of a lock's directory entry: `<dir>/<lockFileName(name)>`. proper-lockfile
 * creates it as an empty directory while the lock is held; it holds nothing else.
 *
 * Useful to tell a user which entry to remove, or to check for a lock from outside.
 *
 * @param name - The lock's name (see {@link lockFileName}).
 * @param dir - The lock directory, an absolute path. Default: {@link defaultLockDir}`()`.
 * @returns An absolute path.
 * @throws TypeError when `name` is invalid or `dir` is not an absolute path.
 * @example
 * ```ts
 * lockFilePath('refresh', '/tmp/locks'); // → '/tmp/locks/<64 hex digits>.lock'
 * ```
 */
export function lockFilePath(name: string, dir?: string): string {
  const file = lockFileName(name);
  return join(resolveLockDir(dir), file);
}

/**
 * Checks a caller's `dir`, or picks the default.
 *
 * @param dir - The caller's directory, or `undefined` for {@link defaultLockDir}.
 * @returns An absolute path.
 * @throws TypeError when `dir` is given but is not an absolute path.
 * @internal
 */
export function resolveLockDir(dir: string | undefined): string {
  if (dir === undefined) return defaultLockDir();
  if (typeof dir !== 'string' || !isAbsolute(dir)) {
    throw new TypeError('options.dir must be an absolute path.');
  }
  return dir;
}
