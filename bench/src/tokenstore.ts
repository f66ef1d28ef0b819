import { mkdtempSync, rmSync } from 'node:fs';
import { open, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenSet } from '@latch/core';
import { EncryptedFileStore } from '@latch/tokenstore';
import type { BenchSuite } from './suite.js';

const ACCOUNT = 'https://login.example.com#default';
const TOKENS: TokenSet = {
  accessToken: `eyJhbGciOiJSUzI1NiJ9.${'a'.repeat(900)}.${'s'.repeat(342)}`,
  tokenType: 'Bearer',
  expiresAt: 1_700_000_000_000,
  refreshToken: 'r'.repeat(43),
  idToken: `eyJhbGciOiJSUzI1NiJ9.${'i'.repeat(600)}.${'s'.repeat(342)}`,
  scope: 'openid offline_access api:read',
};
const PLAINTEXT = Buffer.from(JSON.stringify({ version: 1, accounts: { [ACCOUNT]: TOKENS } }));
let writeDir = '';
let readDir = '';
let writeStore: EncryptedFileStore;
let readStore: EncryptedFileStore;
let sequence = 0;

async function rawAtomicWrite(path: string, data: Uint8Array): Promise<void> {
  const temp = `${path}.${sequence++}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** EncryptedFileStore.save (lock, re-read + decrypt, encrypt, atomic write) against a bare one. */
export const tokenstoreWriteSuite: BenchSuite = {
  name: 'tokenstore: encrypted atomic write',
  baseline: {
    name: 'write + fsync + rename of the plaintext',
    fn: () => rawAtomicWrite(join(writeDir, 'raw.json'), PLAINTEXT),
  },
  subjects: [
    {
      name: 'EncryptedFileStore.save() (lock, read, AES-256-GCM, write, fsync, rename, dir fsync)',
      // Disk-bound: two fsyncs against one, the lock's mkdir/rmdir and the re-read inside the
      // lock, which is what makes concurrent writers from several processes lose nothing.
      maxRatio: 5,
      fn: () => writeStore.save(ACCOUNT, TOKENS),
    },
  ],
  setup: async () => {
    writeDir = mkdtempSync(join(tmpdir(), 'latch-bench-write-'));
    writeStore = new EncryptedFileStore({ service: 'bench', dir: join(writeDir, 'store') });
    await writeStore.save(ACCOUNT, TOKENS);
  },
  teardown: async () => rmSync(writeDir, { recursive: true, force: true }),
};

/** EncryptedFileStore.load (read two files, check, decrypt, validate) against a bare read. */
export const tokenstoreReadSuite: BenchSuite = {
  name: 'tokenstore: read + decrypt',
  baseline: {
    name: 'readFile + JSON.parse of the plaintext',
    fn: async () => JSON.parse(await readFile(join(readDir, 'raw.json'), 'utf8')),
  },
  subjects: [
    {
      name: 'EncryptedFileStore.load() (data and key file, HMAC key check, GCM, validation)',
      // Two files (data and key) against one, read in parallel, then HMAC + GCM over ~2.5 KB.
      maxRatio: 2.5,
      fn: () => readStore.load(ACCOUNT),
    },
  ],
  setup: async () => {
    readDir = mkdtempSync(join(tmpdir(), 'latch-bench-read-'));
    await writeFile(join(readDir, 'raw.json'), PLAINTEXT);
    readStore = new EncryptedFileStore({ service: 'bench', dir: join(readDir, 'store') });
    await readStore.save(ACCOUNT, TOKENS);
  },
  teardown: async () => rmSync(readDir, { recursive: true, force: true }),
};
