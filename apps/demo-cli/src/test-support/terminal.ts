import { spawn } from 'node:child_process';
import { CLI, track } from './run-latch.js';

/** What `latch` printed to its terminal, and how it ended. */
export interface TerminalRun {
  /** The exit code (`script -e` passes the child's on). */
  readonly code: number | null;
  /** Everything the terminal received (stdout and stderr together), escapes included. */
  readonly output: string;
}

/** A `latch` running on a pseudo-terminal. */
export interface RunningInTerminal {
  /** Resolves once the terminal output contains `text`. */
  waitFor(text: string): Promise<void>;
  /** Types into the terminal (`'\u0003'` is Ctrl-C: the line discipline sends SIGINT). */
  type(text: string): void;
  /** Settles when the process has exited. */
  readonly done: Promise<TerminalRun>;
}

/**
 * Runs the built `latch` on a real pseudo-terminal of the given size, through util-linux
 * `script`, so stderr is a TTY and Ctrl-C is a real keystroke.
 */
export function runLatchInTerminal(
  args: readonly string[],
  env: Record<string, string>,
  size: { columns: number; rows: number } = { columns: 100, rows: 50 },
): RunningInTerminal {
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const child = spawn(
    'script',
    ['-qfec', `stty cols ${size.columns} rows ${size.rows}; exec ${command}`, '/dev/null'],
    { env: { TERM: 'xterm-256color', ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  track(child);
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    for (const waiter of [...waiters]) {
      if (!output.includes(waiter.text)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stdin.on('error', () => {});
  const done = new Promise<TerminalRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
  return {
    done,
    type: (text) => child.stdin.write(text),
    waitFor(text) {
      if (output.includes(text)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ text, resolve });
        void done.then((run) =>
          reject(new Error(`latch exited (${run.code}) before printing "${text}":\n${run.output}`)),
        );
      });
    },
  };
}

function quote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}
