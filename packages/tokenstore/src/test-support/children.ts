import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertDistFresh as assertBuilt } from '@latch/test-support';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Fails unless `dist/` is built and fresh: the child scripts import the built package. */
export function assertDistFresh(): void {
  assertBuilt(packageDir, '@latch/tokenstore');
}

/** How a child ended and what it printed. */
export interface ChildResult {
  /** The exit code, or `null` when a signal ended it. */
  readonly code: number | null;
  /** The signal that ended it, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Everything on stdout. */
  readonly stdout: string;
  /** Everything on stderr. */
  readonly stderr: string;
}

/** A running child script. */
export interface Child {
  /** The process. */
  readonly process: ChildProcess;
  /** Resolves when the child prints a line starting with `prefix`, with that line. */
  waitForLine(prefix: string): Promise<string>;
  /** Settles when the child ends. */
  readonly exited: Promise<ChildResult>;
}

/** Options of {@link startChild}. */
export interface StartChildOptions {
  /** The child's environment. Default: this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts `node src/test-support/children/<script> ...args`. */
export function startChild(
  script: string,
  args: readonly string[],
  options: StartChildOptions = {},
): Child {
  const child = spawn(
    process.execPath,
    [join(packageDir, 'src', 'test-support', 'children', script), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env },
  );
  let stdout = '';
  let stderr = '';
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  const findLine = (prefix: string) => stdout.split('\n').find((line) => line.startsWith(prefix));
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of [...waiters]) {
      const line = findLine(waiter.prefix);
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<ChildResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    process: child,
    exited,
    waitForLine(prefix) {
      const line = findLine(prefix);
      if (line !== undefined) return Promise.resolve(line);
      return new Promise<string>((resolve, reject) => {
        waiters.push({ prefix, resolve });
        void exited.then(({ code, stderr: err }) =>
          reject(new Error(`child exited (${code}) before printing "${prefix}…": ${err}`)),
        );
      });
    },
  };
}

/** Runs a child script to its end; fails when it exits with a non-zero code. */
export async function runChild(
  script: string,
  args: readonly string[],
  options: StartChildOptions = {},
): Promise<ChildResult> {
  const result = await startChild(script, args, options).exited;
  if (result.code !== 0) {
    throw new Error(`${script} exited with ${result.code ?? result.signal}: ${result.stderr}`);
  }
  return result;
}

/** The last line of a child's stdout, parsed as JSON. */
export function lastJsonLine(result: ChildResult): unknown {
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null');
}

/** This process's environment without a D-Bus session bus. */
export function envWithoutSessionBus(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  return env;
}
