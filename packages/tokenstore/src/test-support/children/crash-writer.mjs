// Saves generation after generation of one account until it is killed; every field of
// generation n carries n, so a reader can tell a complete value from a mix of two.
// It takes no lock (the test runs one writer at a time, and kills it): this exercises the
// atomic write alone. Usage: node crash-writer.mjs <dir> <firstGeneration>
import { EncryptedFileStore } from '../../../dist/index.js';

const [dir, first] = process.argv.slice(2);
const store = new EncryptedFileStore({
  service: 'crash',
  dir,
  withLock: (_name, fn) => fn({ signal: new AbortController().signal }),
});
const filler = 'x'.repeat(16_384); // large enough that a kill often lands inside a write
// Warm up (crypto, fs) on a scratch store first, so the kills land among the real writes.
const scratch = new EncryptedFileStore({ service: 'crash', dir: `${dir}/warm-up` });
await scratch.save('account', { accessToken: filler, tokenType: 'Bearer' });
console.log('ready');
for (let n = Number(first); ; n++) {
  await store.save('account', {
    accessToken: `A${n}-${filler}`,
    refreshToken: `R${n}`,
    scope: `s${n}`,
    tokenType: 'Bearer',
    expiresAt: n,
  });
}
