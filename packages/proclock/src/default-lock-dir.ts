import { posix, win32 } from 'node:path';
import { systemEnv, systemHomedir, systemPlatform } from './system.js';

/**
 * The inputs {@link defaultLockDir} reads. Each one left out is taken from the running process.
 */
export interface DefaultLockDirOptions {
  /** The environment variables to read `XDG_CACHE_HOME` or `LOCALAPPDATA` from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The user's home directory. Default: `os.homedir()`. */
  readonly homedir?: string | undefined;
  /** The platform whose convention to follow (`'linux'`, `'darwin'`, `'win32'`, …). Default: `process.platform`. */
  readonly platform?: string | undefined;
}

/**
 * The directory locks go in when `acquire` gets no `dir`: `latch/locks` under the user's cache
 * directory.
 *
 * - Windows: `%LOCALAPPDATA%\latch\locks` (or `<home>\AppData\Local\latch\locks`).
 * - macOS: `~/Library/Caches/latch/locks`.
 * - Linux and other Unix systems: `$XDG_CACHE_HOME/latch/locks`, or `~/.cache/latch/locks` when
 *   `XDG_CACHE_HOME` is unset or not absolute (the XDG Base Directory rule).
 *
 * Pure apart from its defaults: pass `env`, `homedir` and `platform` to compute the directory of
 * another user or system. Nothing is created; `acquire` creates the directory (mode 0700).
 *
 * @see {@link https://specifications.freedesktop.org/basedir-spec/latest/ | XDG Base Directory Specification}
 * @param options - The environment, home directory and platform. Default: the process's own.
 * @returns An absolute path.
 * @throws TypeError when no home directory is known and the platform's variable is not set
 *   either; pass `dir` to `acquire` then.
 * @example
 * ```ts
 * defaultLockDir({ platform: 'linux', homedir: '/home/ada', env: {} });
 * // → '/home/ada/.cache/latch/locks'
 * ```
 */
export function defaultLockDir(options: DefaultLockDirOptions = {}): string {
  const env = options.env ?? systemEnv();
  const platform = options.platform ?? systemPlatform();
  const home = (): string => {
    const dir = options.homedir ?? systemHomedir();
    if (typeof dir !== 'string' || dir === '') {
      throw new TypeError('No home directory is known to put the lock directory in; pass `dir`.');
    }
    return dir;
  };
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA;
    const base = local && win32.isAbsolute(local) ? local : win32.join(home(), 'AppData', 'Local');
    return win32.join(base, 'latch', 'locks');
  }
  if (platform === 'darwin') {
    return posix.join(home(), 'Library', 'Caches', 'latch', 'locks');
  }
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home(), '.cache');
  return posix.join(base, 'latch', 'locks');
}
