import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreIoError } from './errors.js';
import {
  createFileExclusive,
  ensurePrivateDir,
  readIfExists,
  removeFile,
  removeStaleTempFiles,
  writeFileAtomic,
} from './file-io.js';
import { tempDir } from './test-support/temp-dir.js';

let dir: string;
let removeDir: () => Promise<void>;
beforeEach(async () => {
  const temp = await tempDir();
  dir = temp.path;
  removeDir = temp.remove;
});
afterEach(() => removeDir());

describe('file-io', () => {
  it('creates private directories and tightens an existing one', async () => {
    const nested = join(dir, 'a', 'b');
    await ensurePrivateDir(nested);
    expect((await stat(nested)).mode & 0o777).toBe(0o700);
    await chmod(nested, 0o755);
    await ensurePrivateDir(nested);
    expect((await stat(nested)).mode & 0o777).toBe(0o700);
  });

  it('replaces a file atomically with mode 0600 and leaves no temporary file', async () => {
    const file = join(dir, 'tokens.enc');
    await writeFile(file, 'old', { mode: 0o644 });
    await writeFileAtomic(file, Buffer.from('new'), 'abc');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['tokens.enc']);
  });

  it('wraps failures in StoreIoError with the system code', async () => {
    const error = await writeFileAtomic(join(dir, 'missing', 'f'), Buffer.from('x'), 'abc').catch(
      (e: unknown) => e,
    );
    expect(StoreIoError.isInstance(error)).toBe(true);
    expect((error as StoreIoError).syscallCode).toBe('ENOENT');
    await mkdir(join(dir, 'a-dir'));
    await expect(readIfExists(join(dir, 'a-dir'))).rejects.toSatisfy(StoreIoError.isInstance);
  });

  it('creates a file exclusively: the first writer wins, the second keeps it', async () => {
    const file = join(dir, 'key');
    const results = await Promise.all([
      createFileExclusive(file, Buffer.from('first'), 'a'),
      createFileExclusive(file, Buffer.from('second'), 'b'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(['first', 'second']).toContain(await readFile(file, 'utf8'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['key']);
  });

  it('removes only the temporary files of the given file', async () => {
    const file = join(dir, 'tokens.enc');
    for (const name of [
      'tokens.enc.1.tmp',
      'tokens.enc.2.tmp',
      'key.3.tmp',
      'other.tmp',
      'tokens.enc',
    ]) {
      await writeFile(join(dir, name), '');
    }
    await removeStaleTempFiles(file);
    expect((await readdir(dir)).sort()).toEqual(['key.3.tmp', 'other.tmp', 'tokens.enc']);
    await removeFile(file);
    await removeFile(file);
    expect(await readIfExists(file)).toBeUndefined();
  });
});
