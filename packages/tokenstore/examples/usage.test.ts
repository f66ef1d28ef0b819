import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readmeExample } from '@latch/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET_TOKENS } from '../src/test-support/secrets.js';
import { tempDir } from '../src/test-support/temp-dir.js';
import { rememberLogin } from './usage.js';

let dir: string;
let removeDir: () => Promise<void>;
beforeEach(async () => {
  const temp = await tempDir();
  dir = `${temp.path}/mycli`;
  removeDir = temp.remove;
});
afterEach(() => removeDir());

describe('README example', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('saves, reloads and deletes a login in the encrypted file store', async () => {
    const result = await rememberLogin(SECRET_TOKENS, { prefer: 'file', dir });
    expect(result).toEqual({
      backend: 'file',
      key: 'https://login.example.com#work',
      nextRun: SECRET_TOKENS,
      afterLogout: undefined,
    });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await readdir(dir)).sort()).toEqual(['key', 'tokens.enc']);
  });

  it('runs with the memory store too', async () => {
    const result = await rememberLogin(SECRET_TOKENS, { prefer: 'memory' });
    expect(result).toMatchObject({ backend: 'memory', nextRun: SECRET_TOKENS });
  });
});
