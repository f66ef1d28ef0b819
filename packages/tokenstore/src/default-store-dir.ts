import { homedir as osHomedir } from 'node:os';
import { posix, win32 } from 'node:path';
import { assertServiceName } from './store-key.js';

/**
 * Options of {@link defaultStoreDir}: the process facts it reads, injectable for tests.
 */
export interface DefaultStoreDirOptions {
  /** The environment variables to read. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The user's home directory. Default: `os.homedir()`. */
  readonly homedir?: string | undefined;
  /** The operating system, as `process.platform` names it. Default: `process.platform`. */
  readonly platform?: NodeJS.Platform | undefined;
}

/**
 * The directory an {@link EncryptedFileStore} for `service` keeps its files in by default,
 * `latch/<service>` under the user's configuration directory:
 * - Linux and other Unix: `$XDG_CONFIG_HOME/latch/<service>`, or
 *   `~/.config/latch/<service>` when `XDG_CONFIG_HOME` is unset or not absolute;
 * - macOS: `~/Library/Application Support/latch/<service>`;
 * - Windows: `%APPDATA%\latch\<service>`, or `~\AppData\Roaming\latch\<service>`.
 *
 * This is the only place in the package that reads environment variables.
 *
 * @see {@link https://specifications.freedesktop.org/basedir-spec/latest/ | XDG Base Directory Specification}
 * @param service - The store's service name (e.g. `mycli`).
 * @param options - Injectable environment, home directory and platform.
 * @returns An absolute directory path.
 * @throws TypeError when `service` is not a valid service name, or no absolute home directory
 *   is known.
 * @example
 * ```ts
 * defaultStoreDir('mycli', { env: {}, homedir: '/home/ada', platform: 'linux' });
 * // '/home/ada/.config/latch/mycli'
 * ```
 */
export function defaultStoreDir(service: string, options?: DefaultStoreDirOptions): string {
  assertServiceName(service);
  const env = options?.env ?? process.env;
  const platform = options?.platform ?? process.platform;
  const path = platform === 'win32' ? win32 : posix;
  const home = options?.homedir ?? osHomedir();
  const absolute = (value: string | undefined): value is string =>
    typeof value === 'string' && value !== '' && path.isAbsolute(value);

  if (platform === 'win32') {
    const appData = env.APPDATA;
    if (absolute(appData)) return path.join(appData, 'latch', service);
    return path.join(requireHome(home, path), 'AppData', 'Roaming', 'latch', service);
  }
  if (platform === 'darwin') {
    return path.join(requireHome(home, path), 'Library', 'Application Support', 'latch', service);
  }
  const xdg = env.XDG_CONFIG_HOME;
  if (absolute(xdg)) return path.join(xdg, 'latch', service);
  return path.join(requireHome(home, path), '.config', 'latch', service);
}

function requireHome(home: string | undefined, path: typeof posix): string {
  if (typeof home !== 'string' || home === '' || !path.isAbsolute(home)) {
    throw new TypeError(
      'No home directory is known: pass options.dir to the file store (an absolute path)',
    );
  }
  return home;
}
