import { hkdfSync } from 'node:crypto';
import { RedisTokenStore } from '@latch/tokenstore/redis';
import { createClient } from 'redis';

/** The 32-byte token store key, derived from a server secret (HKDF-SHA256). */
const encryptionKeyFrom = (secret: string) =>
  new Uint8Array(hkdfSync('sha256', secret, '', 'myapp token store v1', 32));

/**
 * The tokens every instance of a server shares, encrypted at rest. During a key rotation, the
 * old secret stays readable; each save or update rewrites an entry under the new one.
 */
export async function sharedTokenStore(redisUrl: string, secret: string, oldSecret?: string) {
  const client = createClient({
    url: redisUrl,
    commandOptions: { timeout: 5_000 }, // bound every Redis call
  });
  client.on('error', (error) => console.error('redis', error.message));
  await client.connect();
  const store = new RedisTokenStore(client, {
    keyPrefix: 'myapp:tokens:',
    encryptionKey: encryptionKeyFrom(secret),
    previousKeys: oldSecret === undefined ? [] : [encryptionKeyFrom(oldSecret)],
  });
  return { store, close: () => client.close() };
}
