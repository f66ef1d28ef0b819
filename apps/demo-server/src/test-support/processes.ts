import { readdirSync, readFileSync } from 'node:fs';
import { CLI_SESSION_ENV } from '../flows/cli-flow.js';

/** Whether `pid` is a live process (a zombie, exited but not yet reaped, is not). */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * The pids of live processes whose environment names `sessionId` (the `latch` child processes
 * of that login, and anything they started). Linux: reads /proc.
 */
export function processesOfSession(sessionId: string): number[] {
  const marker = `${CLI_SESSION_ENV}=${sessionId}\u0000`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (/^\d+ \(.*\) Z /.test(stat)) continue; // a zombie is gone, only not yet reaped
      if (`${readFileSync(`/proc/${entry}/environ`, 'utf8')}\u0000`.includes(marker)) {
        pids.push(Number(entry));
      }
    } catch {
      // the process exited meanwhile, or is not ours
    }
  }
  return pids;
}
