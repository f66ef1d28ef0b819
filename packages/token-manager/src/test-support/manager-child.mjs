// A process of a CLI: one TokenManager from the built package, on a shared encrypted file store
// and lock directory. The parent test drives it over IPC and may SIGKILL it at a pause point.
//
// Usage: node manager-child.mjs '<json>' with { issuer, clientId, storeDir, lockDir, skewMs,
// lockStaleMs, offsetMs, pauseAt? } — pauseAt: 'before-request' | 'after-response' | 'mid-write'.
//
// parent → child: { type: 'round', round, offsetMs, calls }  child → { type: 'round', round, hashes }
//                 { type: 'token' }                          child → { type: 'token', hash } | { type: 'error', code }
// child → parent: { type: 'ready' }, { type: 'paused', step } (then it hangs until killed)
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withLock } from '@latch/proclock';
import { EncryptedFileStore } from '@latch/tokenstore';
import { TokenManager } from '../../dist/index.js';
import { setTokenManagerSeamsForTest } from '../../dist/test-seams.js';

const config = JSON.parse(process.argv[2]);
const hash = (token) => createHash('sha256').update(token).digest('hex').slice(0, 16);
const hang = () => new Promise(() => {});
const pause = async (step) => {
  process.send({ type: 'paused', step });
  await hang();
};

let writing = false; // set once the refresh has its answer: the next store write is its save
const store = new EncryptedFileStore({
  service: 'latch-token-manager-test',
  dir: config.storeDir,
  lockStaleMs: config.lockStaleMs,
  withLock: (name, fn, options) => {
    if (config.pauseAt !== 'mid-write' || !writing) return withLock(name, fn, options);
    return withLock(
      name,
      async () => {
        // Killed half-way through the atomic write: a torn temporary file, no rename.
        const temp = join(config.storeDir, `tokens.enc.${randomBytes(8).toString('hex')}.tmp`);
        await writeFile(temp, randomBytes(40));
        await pause('mid-write');
      },
      options,
    );
  },
});

const manager = new TokenManager({
  issuer: config.issuer,
  clientId: config.clientId,
  store,
  lockDir: config.lockDir,
  lockStaleMs: config.lockStaleMs,
  skewMs: config.skewMs,
});
let offsetMs = config.offsetMs ?? 0;
setTokenManagerSeamsForTest(manager, {
  now: () => Date.now() + offsetMs,
  onStep: async (step) => {
    if (step === config.pauseAt) await pause(step);
    if (step === 'after-response') writing = true;
  },
});

process.on('message', async (message) => {
  try {
    if (message.type === 'round') {
      offsetMs = message.offsetMs;
      const tokens = await Promise.all(
        Array.from({ length: message.calls }, () => manager.token({ resource: config.issuer })),
      );
      process.send({ type: 'round', round: message.round, hashes: tokens.map(hash) });
    } else if (message.type === 'token') {
      process.send({ type: 'token', hash: hash(await manager.token({ resource: config.issuer })) });
    } else if (message.type === 'exit') {
      process.disconnect();
    }
  } catch (error) {
    process.send({
      type: 'error',
      code: error?.code ?? 'unknown',
      message: String(error?.message),
    });
  }
});
process.send({ type: 'ready' });
