import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import { describe, it } from 'vitest';

/** Where Debian's `redis-server` package (installed by `scripts/install-peers.sh`) puts it. */
export const REDIS_SERVER_PATH = '/usr/bin/redis-server';

/** Whether this run must have Redis: under CI. */
const required = process.env.CI === 'true';

/** A throwaway redis-server on 127.0.0.1. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Whether a redis-server binary is installed. When none is: a failing test under CI=true, a
 * loud skip elsewhere. Call it at the top level of a test file.
 *
 * @param suite - What the caller skips without one, for the warning (e.g. `the RedisStore tests`).
 */
export function redisServerAvailable(suite: string): boolean {
  if (existsSync(REDIS_SERVER_PATH)) return true;
  const message = `No redis-server at ${REDIS_SERVER_PATH}. Install it with \`bash scripts/install-peers.sh\` (Debian package redis-server).`;
  if (required) {
    describe('a real redis-server', () => {
      it('is installed (required under CI=true)', () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`\n!!! ${message}\n!!! ${suite} are SKIPPED.\n`);
  }
  return false;
}

/** A TCP port free on 127.0.0.1 right now (listen on 0, read it, close). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function answersPing(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/**
 * Starts `redis-server` on a free port of 127.0.0.1 without persistence, and waits until it
 * answers PING (at most 10 s).
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER_PATH,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `redis://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
  };
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, port, stop };
}
