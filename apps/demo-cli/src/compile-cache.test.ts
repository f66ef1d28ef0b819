import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileCacheDir, compileCacheFile } from './compile-cache.js';
import { CLI } from './test-support/run-latch.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'latch-compile-cache-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

function latch(args: readonly string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, 'cache'), ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return run;
}

const cacheDir = () => join(home, 'cache', 'latch', 'compile-cache');

describe('the code cache of the bundled latch (node < 22.1)', () => {
  it('is written by a first run of a command and then used as it is', async () => {
    const first = latch(['profiles']);
    expect(first.status).toBe(0);
    const files = await readdir(cacheDir());
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^latch-main-[0-9a-f]{16}-v[\d.]+-\w+-profiles\.bin$/);
    const file = join(cacheDir(), files[0] as string);
    const written = await stat(file);
    const again = latch(['profiles']);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect((await stat(file)).mtimeMs).toBe(written.mtimeMs); // accepted, not rewritten
  });

  it('runs the same with a damaged cache, and replaces it', async () => {
    expect(latch(['profiles']).status).toBe(0);
    const [name] = await readdir(cacheDir());
    const file = join(cacheDir(), name as string);
    const good = await readFile(file);
    await writeFile(file, Buffer.alloc(good.length, 0x41));
    const run = latch(['profiles']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect((await readFile(file)).equals(Buffer.alloc(good.length, 0x41))).toBe(false);
  });

  it('keeps one cache per command and none with LATCH_NO_COMPILE_CACHE=1', async () => {
    expect(latch(['profiles'], { LATCH_NO_COMPILE_CACHE: '1' }).status).toBe(0);
    await expect(readdir(cacheDir())).rejects.toThrow();
    expect(latch(['profiles']).status).toBe(0);
    expect(latch(['--help']).status).toBe(0);
    expect((await readdir(cacheDir())).sort()).toEqual([
      expect.stringMatching(/-other\.bin$/),
      expect.stringMatching(/-profiles\.bin$/),
    ]);
  });
});

describe('compileCacheDir and compileCacheFile', () => {
  it('follow XDG, then LOCALAPPDATA on Windows, then ~/.cache', () => {
    const home = () => '/home/u';
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', home)).toBe('/x/latch/compile-cache');
    expect(compileCacheDir({ LOCALAPPDATA: 'C:/L' }, 'win32', home)).toBe(
      join('C:/L', 'latch', 'compile-cache'),
    );
    expect(compileCacheDir({ LOCALAPPDATA: 'C:/L' }, 'linux', home)).toBe(
      '/home/u/.cache/latch/compile-cache',
    );
    expect(compileCacheFile('/d', 'abc', 'token')).toMatch(/^\/d\/latch-main-abc-v.+-token\.bin$/);
    expect(compileCacheFile('/d', 'abc', '../x')).toMatch(/-other\.bin$/);
  });
});
