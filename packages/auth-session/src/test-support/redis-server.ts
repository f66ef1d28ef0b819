import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createClient } from 'redis';

/** Where the CI image installs redis-server. */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** Whether the tests can start a Redis server here. */
export function redisAvailable(): boolean {
  return existsSync(REDIS_SERVER);
}

/**
 * Says what to do when redis-server is missing: fail under CI=true (it must be installed
 * there), skip loudly elsewhere.
 */
export function redisMissing(): 'skip' {
  if (process.env.CI === 'true') {
    throw new Error(
      `${REDIS_SERVER} is missing, and CI=true: install redis-server (.ci/run does).`,
    );
  }
  console.warn(`\n*** SKIPPING the Redis tests: ${REDIS_SERVER} is not installed. ***\n`);
  return 'skip';
}

/** A redis-server of the tests' own, on 127.0.0.1. */
export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts redis-server on a free port without persistence; resolves once it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = createClient({ url, socket: { reconnectStrategy: false } });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      await client.close();
      break;
    } catch (error) {
      client.destroy();
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not answer PING on port ${port}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
