import { randomBytes } from 'node:crypto';
import { startIssuer } from '@latch/issuer';
import { createServer } from './create-server.js';
import { DEMO_TENANTS } from './tenants.js';

/**
 * `pnpm demo:server`: the embedded issuer and one server instance (memory stores, or Redis
 * with `REDIS_URL`), the URL and the credentials printed, until Ctrl-C.
 */
async function demo(): Promise<void> {
  const issuer = await startIssuer({ log: () => {} });
  const server = await createServer({
    issuer: issuer.url,
    cookieSecret: process.env.LATCH_SERVER_SECRET ?? randomBytes(32).toString('hex'),
    port: Number(process.env.PORT ?? 0),
    redisUrl: process.env.REDIS_URL || undefined,
    showDemoPasswords: true,
    instanceName: 'demo',
  });
  const lines = [
    'latch demo server',
    `  open:      ${server.url}`,
    `  stores:    ${server.storage}`,
    `  tenants:   ${DEMO_TENANTS.map((t) => `${t.id} / ${t.password}`).join(', ')}`,
    `  issuer:    ${issuer.url}`,
    `  sign in at the issuer as ${issuer.demoUser.username} / ${issuer.demoUser.password}`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    Promise.all([server.close(), issuer.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await demo();
