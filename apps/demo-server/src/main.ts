#!/usr/bin/env node
import { createServer } from './create-server.js';

/**
 * `node dist/main.js`: starts one instance from the environment — `LATCH_ISSUER` (required),
 * `LATCH_SERVER_SECRET` (required, ≥ 32 characters, the same on every instance), `PORT`
 * (default 3000), `REDIS_URL` (optional), `LATCH_CLIENT_ID`, `LATCH_INSTANCE` — and runs until
 * SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const env = process.env;
  if (!env.LATCH_ISSUER || !env.LATCH_SERVER_SECRET) {
    process.stderr.write('Set LATCH_ISSUER and LATCH_SERVER_SECRET (≥ 32 characters).\n');
    process.exitCode = 2;
    return;
  }
  const server = await createServer({
    issuer: env.LATCH_ISSUER,
    cookieSecret: env.LATCH_SERVER_SECRET,
    port: Number(env.PORT ?? 3000),
    redisUrl: env.REDIS_URL || undefined,
    clientId: env.LATCH_CLIENT_ID || undefined,
    instanceName: env.LATCH_INSTANCE || undefined,
  });
  process.stdout.write(`latch demo server (${server.storage} stores) on ${server.url}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
