import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import { describe, it } from 'vitest';

/** Where Debian's `redis-server` package puts it (`scripts/install-peers.sh` installs it). */
export const REDIS_SERVER_PATH = '/usr/bin/redis-server';

/**
 * Whether a redis-server binary is installed. When none is: a failing test under CI=true, a
 * loud skip elsewhere. Call it at the top level of a test file.
 */
export function redisServerAvailable(): boolean {
  if (existsSync(REDIS_SERVER_PATH)) return true;
  const message = `No redis-server at ${REDIS_SERVER_PATH}. Install it with \`bash scripts/install-peers.sh\`.`;
  if (process.env.CI === 'true') {
    describe('a real redis-server', () => {
      it('is installed (required under CI=true)', () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`\n!!! ${message}\n!!! The two-instance tests are SKIPPED.\n`);
  }
  return false;
}

/** A throwaway redis-server on 127.0.0.1. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops it and waits for it to exit. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
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

/** Starts redis-server on a free port without persistence; waits (≤ 10 s) until it answers. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_SERVER_PATH,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
