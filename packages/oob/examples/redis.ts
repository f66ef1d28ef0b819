import { RedisStore } from '@latch/oob/redis';
import { createClient } from 'redis';

/**
 * A pending store that every instance of the server shares: a callback may reach any of them.
 * Keys expire with their pendings; completion is atomic across instances.
 */
export async function sharedStore<T>(redisUrl: string) {
  const client = createClient({
    url: redisUrl,
    commandOptions: { timeout: 5_000 }, // bound every Redis call
  });
  client.on('error', (error) => console.error('redis', error.message));
  await client.connect();
  return {
    store: new RedisStore<T>(client, { keyPrefix: 'myapp:oob' }),
    close: () => client.close(),
  };
}
