import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquire } from '@latch/proclock';
import { readmeExample } from '@latch/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../src/test-support/temp-dir.js';
import { increment } from './usage.js';

let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  await removeDir();
});

describe('README example', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('loses no increment when 25 run at once', async () => {
    const counter = join(dir, 'counter.txt');
    const locks = join(dir, 'locks');
    const results = await Promise.all(Array.from({ length: 25 }, () => increment(counter, locks)));
    expect(await readFile(counter, 'utf8')).toBe('25');
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('waits for a lock another holder has', async () => {
    const counter = join(dir, 'counter.txt');
    const locks = join(dir, 'locks');
    const holder = await acquire(`counter:${counter}`, { dir: locks });
    const waiting = increment(counter, locks);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(readFile(counter, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    await holder.release();
    expect(await waiting).toBe(1);
  });
});
