import { readFile, writeFile } from 'node:fs/promises';
import { LockTimeoutError, withLock } from '@latch/proclock';

/**
 * Adds one to a counter file that several processes share. The read and the write happen under
 * one cross-process lock, so no increment is lost however many processes run at once.
 */
export async function increment(counterFile: string, lockDir?: string): Promise<number> {
  try {
    return await withLock(
      `counter:${counterFile}`, // any string; only its SHA-256 reaches the file system
      async (lock) => {
        const count = Number(await readFile(counterFile, 'utf8').catch(() => '0')) + 1;
        lock.signal.throwIfAborted(); // lost the lock to another process? then do not write
        await writeFile(counterFile, String(count));
        return count;
      },
      { dir: lockDir, timeoutMs: 10_000 }, // dir undefined: latch/locks in the user's cache dir
    );
  } catch (error) {
    if (LockTimeoutError.isInstance(error)) {
      // The message names the lock and the file to remove if its holder is gone.
      throw new Error(`Another process kept the counter busy. ${error.message}`, { cause: error });
    }
    throw error;
  }
}
