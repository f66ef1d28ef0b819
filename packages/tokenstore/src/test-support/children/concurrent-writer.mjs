// One of several processes writing one encrypted file store at once: saves `count` accounts of
// its own and adds 1 to a shared counter `count` times, each a read-modify-write under the lock.
// Usage: node concurrent-writer.mjs <dir> <writerId> <count>
import { EncryptedFileStore } from '../../../dist/index.js';

const [dir, id, count] = process.argv.slice(2);
const store = new EncryptedFileStore({ service: 'concurrency', dir, lockTimeoutMs: 120_000 });
for (let i = 0; i < Number(count); i++) {
  await store.save(`writer-${id}-${i}`, { accessToken: `${id}-${i}`, tokenType: 'Bearer' });
  await store.update('counter', (current) => ({
    accessToken: String(Number(current?.accessToken ?? 0) + 1),
    tokenType: 'Bearer',
  }));
}
console.log('done');
