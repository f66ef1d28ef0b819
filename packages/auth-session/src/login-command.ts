import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How often a stopping command's process group is checked for leftovers. */
const GROUP_CHECK_MS = 50;

/** What {@link startLoginCommand} runs and how. @internal */
export interface LoginCommandOptions {
  /** The executable and its arguments; no shell. */
  readonly argv: readonly string[];
  readonly cwd: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>> | undefined;
  /** How long the group has after SIGTERM before SIGKILL, in ms. */
  readonly killGraceMs: number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called for every stdout and stderr line, without its line break. */
  readonly onLine: (line: string) => void;
}

/** How a login command ended. @internal */
export interface LoginCommandExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** Why it could not be started, when it could not. */
  readonly spawnError?: unknown;
}

/** A running login command in its own process group. @internal */
export interface LoginCommand {
  /** Resolves when the child has exited (or failed to start). */
  readonly exited: Promise<LoginCommandExit>;
  /** Writes one line to the child's stdin; `false` when it is closed. */
  writeLine(line: string): boolean;
  /**
   * SIGTERM to the whole group, SIGKILL after the grace period; resolves once the child has
   * exited and its output is read (or, past the grace period, abandoned). Idempotent.
   */
  stopGroup(): Promise<void>;
}

/**
 * Spawns a login command (argv, no shell) as the leader of a new process group, so that it and
 * every process it starts can be signalled together; reads stdout and stderr line by line.
 *
 * @internal
 */
export function startLoginCommand(options: LoginCommandOptions): LoginCommand {
  const [file, ...args] = options.argv as [string, ...string[]];
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv | undefined,
    detached: true,
    shell: false,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  child.stdin.on('error', () => {}); // EPIPE once the child closed its stdin
  const read = Promise.all(
    [child.stdout, child.stderr].map((stream) => {
      const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      reader.on('line', options.onLine);
      return new Promise<void>((resolve) => reader.once('close', resolve));
    }),
  );
  const exited = new Promise<LoginCommandExit>((resolve) => {
    child.once('error', (spawnError) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, spawnError });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let stopping: Promise<void> | undefined;
  return {
    exited,
    writeLine(line) {
      if (child.exitCode !== null || child.signalCode !== null || !child.stdin.writable)
        return false;
      child.stdin.write(`${line}\n`);
      return true;
    },
    stopGroup() {
      stopping ??= stopGroup(child, exited, read, options);
      return stopping;
    },
  };
}

async function stopGroup(
  child: ChildProcess,
  exited: Promise<LoginCommandExit>,
  read: Promise<unknown>,
  options: LoginCommandOptions,
): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const grace = new AbortController();
  const graceOver = options.sleep(options.killGraceMs, grace.signal).then(
    () => true,
    () => false,
  );
  try {
    if (!signalGroup(pgid, 'SIGTERM')) signalChild(child, 'SIGTERM');
    let over = await Promise.race([exited.then(() => false), graceOver]);
    while (!over && signalGroup(pgid, 0)) {
      over = await Promise.race([options.sleep(GROUP_CHECK_MS).then(() => false), graceOver]);
    }
    if (!signalGroup(pgid, 'SIGKILL')) signalChild(child, 'SIGKILL');
    await exited;
    // Output pipes close once every process holding them is gone; do not wait for ever.
    const closeWait = new AbortController();
    const closed = await Promise.race([
      read.then(() => true),
      options.sleep(options.killGraceMs, closeWait.signal).then(
        () => false,
        () => false,
      ),
    ]);
    closeWait.abort();
    if (!closed) {
      child.stdout?.destroy();
      child.stderr?.destroy();
    }
  } finally {
    grace.abort();
    child.stdin?.destroy();
  }
}

/** Signals every process of the group; `false` when none is left (or groups are unsupported). */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Signals the child alone, when it is still running. */
function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}
