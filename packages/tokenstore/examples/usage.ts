import type { TokenSet } from '@latch/core';
import { openTokenStore, storeKey } from '@latch/tokenstore';

/** Keeps `mycli`'s tokens between runs: in the OS keychain, or an encrypted file without one. */
export async function rememberLogin(
  tokens: TokenSet,
  options: { prefer?: 'auto' | 'file' | 'memory'; dir?: string } = {},
) {
  const { store, backend, warning } = await openTokenStore({
    service: 'mycli',
    prefer: options.prefer ?? 'auto', // probe the keychain (≤ 1.5 s), else the file
    file: { dir: options.dir }, // default: ~/.config/latch/mycli
  });
  if (warning) console.warn(warning); // "No usable OS keychain (…); tokens are stored …"

  const key = storeKey({ issuer: 'https://Login.Example.com/', profile: 'work' });
  await store.save(key, tokens); // after `mycli login`
  const nextRun = await store.load(key); // undefined → ask the user to log in
  await store.delete(key); // `mycli logout`
  return { backend, key, nextRun, afterLogout: await store.load(key) };
}
