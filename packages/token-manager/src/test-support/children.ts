import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertDistFresh as assertBuilt } from '@latch/test-support';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Fails unless `dist/` is built and fresh: the child scripts import the built package. */
export function assertDistFresh(): void {
  assertBuilt(packageDir, '@latch/token-manager');
}

/** What the child script (`manager-child.mjs`) is started with. */
export interface ChildConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly storeDir: string;
  readonly lockDir: string;
  readonly skewMs: number;
  readonly lockStaleMs: number;
  readonly offsetMs?: number;
  readonly pauseAt?: 'before-request' | 'after-response' | 'mid-write';
}

/** A message from the child. */
export interface ChildMessage {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A running child process with a TokenManager. */
export interface ManagerChild {
  readonly process: ChildProcess;
  /** Resolves with the next message of `type` (or rejects when the child exits first). */
  next(type: string): Promise<ChildMessage>;
  /** Sends a message and resolves with the child's answer of `answer` type (or `error`). */
  ask(message: object, answer: string): Promise<ChildMessage>;
  /** Resolves when the child has exited, with its code or signal and its stderr. */
  readonly exited: Promise<{ code: number | null; signal: string | null; stderr: string }>;
}

/** Starts `node src/test-support/manager-child.mjs <config>` with an IPC channel. */
export function startManagerChild(config: ChildConfig): ManagerChild {
  const child = fork(
    join(packageDir, 'src', 'test-support', 'manager-child.mjs'),
    [JSON.stringify(config)],
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const inbox: ChildMessage[] = [];
  const waiters: { types: string[]; resolve: (m: ChildMessage) => void }[] = [];
  child.on('message', (message: ChildMessage) => {
    const index = waiters.findIndex((w) => w.types.includes(message.type));
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
    else inbox.push(message);
  });
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const next = (...types: string[]): Promise<ChildMessage> => {
    const index = inbox.findIndex((m) => types.includes(m.type));
    if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0] as ChildMessage);
    return new Promise((resolve, reject) => {
      waiters.push({ types, resolve });
      void exited.then(({ code, signal, stderr: err }) =>
        reject(new Error(`child exited (${code ?? signal}) before "${types}": ${err}`)),
      );
    });
  };
  return {
    process: child,
    exited,
    next: (type) => next(type),
    ask: (message, answer) => {
      const reply = next(answer, 'error');
      child.send(message);
      return reply;
    },
  };
}
