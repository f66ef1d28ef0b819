import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issuer } from '@latch/issuer';

/** The built CLI. */
export const CLI = fileURLToPath(new URL('../../dist/bin/latch.cjs', import.meta.url));

/** What a `latch` process did. */
export interface LatchRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A throw-away HOME with XDG dirs, and `latch` pointed at `issuer` with the file store. */
export async function latchEnv(issuer: Issuer | { url: string }): Promise<Record<string, string>> {
  const home = await mkdtemp(join(tmpdir(), 'latch-cli-test-'));
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    LATCH_ISSUER: issuer.url,
    LATCH_TOKEN_STORE: 'file',
    LATCH_TEST_POLL_MS: '100',
  };
}

/**
 * Runs the built `latch` as a real process (stdin at end of input).
 * @param onStderrLine - Sees each stderr line as it arrives (e.g. the device code event).
 */
export function runLatch(
  args: readonly string[],
  env: Record<string, string>,
  onStderrLine?: (line: string) => void,
): Promise<LatchRun> {
  const latch = startLatch(args, env, { onStderrLine });
  latch.child.stdin.end();
  return latch.done;
}

/** Options of {@link startLatch}. */
export interface StartLatchOptions {
  /** Sees each stderr line as it arrives. */
  readonly onStderrLine?: ((line: string) => void) | undefined;
  /** Arguments for node before the script (e.g. `--import` a module-load recorder). */
  readonly nodeArgs?: readonly string[] | undefined;
}

/** A running `latch` whose stdin the test writes and whose stderr it watches. */
export interface RunningLatch {
  /** The process. */
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the first stderr line that matches (rejects if the process ends first). */
  line(match: RegExp): Promise<string>;
  /** Settles when the process has exited and its streams closed. */
  readonly done: Promise<LatchRun>;
}

const running = new Set<{ kill(signal?: NodeJS.Signals): unknown }>();

/** Records a child so that {@link killStragglers} can end it. */
export function track(child: {
  kill(signal?: NodeJS.Signals): unknown;
  once(event: 'close', listener: () => void): unknown;
}): void {
  running.add(child);
  child.once('close', () => running.delete(child));
}

/** Kills every `latch` a failed or timed-out test left running (call it in `afterEach`). */
export function killStragglers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Starts the built `latch` with piped stdin, stdout and stderr. */
export function startLatch(
  args: readonly string[],
  env: Record<string, string>,
  options: StartLatchOptions = {},
): RunningLatch {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  track(child);
  let stdout = '';
  let stderr = '';
  let pending = '';
  const lines: string[] = [];
  const waiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  child.stdin.on('error', () => {}); // the process may exit before it reads stdin
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      lines.push(line);
      options.onStderrLine?.(line);
      for (const waiter of [...waiters]) {
        if (!waiter.match.test(line)) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const done = new Promise<LatchRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    done,
    line(match) {
      const seen = lines.find((line) => match.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        waiters.push({ match, resolve });
        void done.then((run) =>
          reject(new Error(`latch exited (${run.code}) before printing ${match}:\n${run.stderr}`)),
        );
      });
    },
  };
}

/** `latch login --json` with the demo user approving the printed code on the issuer's pages. */
export async function loginAsDemoUser(
  issuer: Issuer,
  env: Record<string, string>,
  extra: readonly string[] = [],
): Promise<LatchRun & { userCode: string | undefined }> {
  let userCode: string | undefined;
  let approval: Promise<void> | undefined;
  const run = await runLatch(['login', '--json', ...extra], env, (line) => {
    if (!line.startsWith('{')) return;
    const event = JSON.parse(line) as { event?: string; userCode?: string };
    if (event.event === 'device_code' && event.userCode !== undefined) {
      userCode = event.userCode;
      approval = issuer.approveDevice(event.userCode);
    }
  });
  await approval;
  return { ...run, userCode };
}

/** The JSON events (lines starting with `{`) of a `--json` run's stderr. */
export function jsonEvents(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
