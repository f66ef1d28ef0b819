#!/usr/bin/env node
import { createServer, type DemoServer } from './create-server.js';
import { logErrorLine } from './server-options.js';

/**
 * `node dist/main.js`: starts one instance from the environment — `LATCH_ISSUER` (required),
 * `LATCH_SERVER_SECRET` (required, ≥ 32 characters, the same on every instance), `PORT`
 * (default 3000), `REDIS_URL` (optional), `LATCH_CLIENT_ID`, `LATCH_INSTANCE` — and runs until
 * SIGINT or SIGTERM. Exits 2 for a missing or bad setting, 1 when the server cannot start.
 */
async function main(): Promise<void> {
  const env = process.env;
  if (!env.LATCH_ISSUER || !env.LATCH_SERVER_SECRET) {
    process.stderr.write('Set LATCH_ISSUER and LATCH_SERVER_SECRET (≥ 32 characters).\n');
    process.exitCode = 2;
    return;
  }
  let server: DemoServer;
  try {
    server = await createServer({
      issuer: env.LATCH_ISSUER,
      cookieSecret: env.LATCH_SERVER_SECRET,
      port: Number(env.PORT || 3000),
      redisUrl: env.REDIS_URL || undefined,
      clientId: env.LATCH_CLIENT_ID || undefined,
      instanceName: env.LATCH_INSTANCE || undefined,
    });
  } catch (error) {
    // A bad setting's message is ours and names the option; anything else (listen, Redis) is
    // told by class and code, as every error the server logs.
    if (error instanceof TypeError && error.message.startsWith('createServer: options.')) {
      process.stderr.write(`demo-server: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      logErrorLine(error);
      process.exitCode = 1;
    }
    return;
  }
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
