import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { storeIoError } from './errors.js';

/** The suffix of the temporary files an atomic write goes through. */
const TEMP_SUFFIX = '.tmp';

/**
 * Creates `dir` (and missing parents) with mode 0700, and sets 0700 on `dir` itself when it
 * already existed, so no other local user can list or enter it.
 *
 * @internal
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  try {
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') await fs.promises.chmod(dir, 0o700);
  } catch (error) {
    throw storeIoError('create the directory', dir, error);
  }
}

/**
 * Reads a whole file.
 *
 * @returns Its bytes, or `undefined` when it does not exist.
 * @internal
 */
export function readIfExists(path: string): Promise<Buffer | undefined> {
  // The callback API: a process that only reads its tokens (a CLI printing one) never loads
  // node's promise-based fs, which writes (fs.promises) load on first use.
  return new Promise((resolve, reject) => {
    fs.readFile(path, (error, data) => {
      if (error === null) resolve(data);
      else if (error.code === 'ENOENT') resolve(undefined);
      else reject(storeIoError('read', path, error));
    });
  });
}

/** Flushes a directory's entries (a rename or link in it) to disk; not possible on Windows. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to a new file `path` (mode 0600, failing if it exists) and flushes it. */
async function writeNewFile(path: string, data: Uint8Array): Promise<void> {
  const handle = await fs.promises.open(path, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function tempPath(path: string, suffix: string): string {
  return join(dirname(path), `${basename(path)}.${suffix}${TEMP_SUFFIX}`);
}

/**
 * Replaces `path` with `data` so that a reader, or the file after a crash at any point, has
 * either the complete old or the complete new content: write a temporary file in the same
 * directory (mode 0600), flush it, rename it over `path`, flush the directory.
 *
 * @param path - The file to replace.
 * @param data - Its new content.
 * @param suffix - A random string naming the temporary file.
 * @internal
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array,
  suffix: string,
): Promise<void> {
  const temp = tempPath(path, suffix);
  try {
    await writeNewFile(temp, data);
    await fs.promises.rename(temp, path);
    await syncDir(dirname(path));
  } catch (error) {
    await fs.promises.unlink(temp).catch(() => undefined);
    throw storeIoError('write', path, error);
  }
}

/**
 * Creates `path` with `data` unless it exists, atomically: the file appears complete or not at
 * all, and of two processes racing, exactly one wins.
 *
 * @returns `true` when this call created it, `false` when it already existed.
 * @internal
 */
export async function createFileExclusive(
  path: string,
  data: Uint8Array,
  suffix: string,
): Promise<boolean> {
  const temp = tempPath(path, suffix);
  try {
    await writeNewFile(temp, data);
    try {
      await fs.promises.link(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    await syncDir(dirname(path));
    return true;
  } catch (error) {
    throw storeIoError('create', path, error);
  } finally {
    await fs.promises.unlink(temp).catch(() => undefined);
  }
}

/**
 * Removes the temporary files a killed writer of `path` left behind. Call only while holding
 * the lock every writer of `path` takes, so none of them is still being written.
 *
 * @internal
 */
export async function removeStaleTempFiles(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await fs.promises.readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)) {
      await fs.promises.unlink(join(dirname(path), name)).catch(() => undefined);
    }
  }
}

/**
 * Deletes a file; a missing one is fine.
 *
 * @internal
 */
export async function removeFile(path: string): Promise<void> {
  try {
    await fs.promises.unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw storeIoError('delete', path, error);
  }
}
