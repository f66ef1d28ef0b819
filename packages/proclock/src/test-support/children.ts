import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertDistFresh as assertBuilt } from '@latch/test-support';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Fails unless `dist/` is built and fresh: the child scripts import the built package. */
export function assertDistFresh(): void {
  assertBuilt(packageDir, '@latch/proclock');
}

/** A child process running one of the scripts in `src/test-support/`. */
export interface Child {
  /** The process. */
  readonly process: ChildProcess;
  /** Resolves when the child prints `line` (a whole line) on stdout. */
  waitForLine(line: string): Promise<void>;
  /** Resolves with the exit code (or signal) and everything printed, when the child ends. */
  readonly exited: Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>;
}

/** Starts `node src/test-support/<script> ...args`. */
export function startChild(script: string, args: readonly string[]): Child {
  const child = spawn(
    process.execPath,
    [join(packageDir, 'src', 'test-support', script), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = stdout.split('\n');
    for (const waiter of [...waiters]) {
      if (lines.includes(waiter.line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    process: child,
    exited,
    waitForLine(line) {
      if (stdout.split('\n').includes(line)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ line, resolve });
        void exited.then(({ code, stderr: err }) =>
          reject(new Error(`child exited (${code}) before printing "${line}": ${err}`)),
        );
      });
    },
  };
}
