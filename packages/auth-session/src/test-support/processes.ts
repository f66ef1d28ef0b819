import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package directory. */
export const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** `[node, src/test-support/fake-cli.mjs, ...actions]`. */
export function fakeCli(...actions: string[]): string[] {
  return [process.execPath, join(packageDir, 'src', 'test-support', 'fake-cli.mjs'), ...actions];
}

/**
 * Whether a process is gone: no such process (ESRCH), or dead and only waiting to be reaped
 * (state Z in /proc) — the container's init reaps orphans late.
 */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Resolves once every pid is gone; rejects after `timeoutMs`. */
export async function waitGone(pids: readonly number[], timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some((pid) => !isGone(pid))) {
    if (Date.now() > deadline) {
      throw new Error(`processes still alive: ${pids.filter((pid) => !isGone(pid)).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Kills leftovers after a failed test, so one failure does not leak processes. */
export function killQuietly(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** The numbers printed as `<label> <number>` in a transcript. */
export function pidsIn(transcript: readonly string[], label: string): number[] {
  const found: number[] = [];
  for (const line of transcript) {
    const match = new RegExp(`^${label} (\\d+)$`).exec(line);
    if (match?.[1]) found.push(Number(match[1]));
  }
  return found;
}
