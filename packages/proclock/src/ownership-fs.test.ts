import { mkdir, rmdir, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trackOwnership } from './ownership-fs.js';
import { tempDir } from './test-support/temp-dir.js';

let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  await removeDir();
});

describe('trackOwnership', () => {
  it('owns the mtime read at acquisition and each one written since', async () => {
    const path = join(dir, 'x.lock');
    await mkdir(path);
    const tracker = trackOwnership(path);
    tracker.fs.statSync(path);
    tracker.acquired();
    expect(tracker.stillOwned()).toBe(true);

    tracker.fs.utimesSync(path, new Date(Date.now() + 1000), new Date(Date.now() + 1000));
    expect(tracker.stillOwned()).toBe(true);

    // A read after acquisition (proper-lockfile's refresh check) changes nothing.
    const other = new Date(Date.now() + 9000);
    await utimes(path, other, other);
    tracker.fs.statSync(path);
    expect(tracker.stillOwned()).toBe(false);
  });

  it('does not take the mtime of another lock directory as its own', async () => {
    const path = join(dir, 'x.lock');
    const elsewhere = join(dir, 'y.lock');
    await mkdir(path);
    await mkdir(elsewhere);
    const tracker = trackOwnership(path);
    tracker.fs.statSync(path);
    tracker.acquired();
    const later = new Date(Date.now() + 5000);
    tracker.fs.utimesSync(elsewhere, later, later);
    expect(tracker.stillOwned()).toBe(true);
    await utimes(path, later, later);
    expect(tracker.stillOwned()).toBe(false);
  });

  it('reports a removed directory as lost, and once disowned will not remove it', async () => {
    const path = join(dir, 'x.lock');
    await mkdir(path);
    const tracker = trackOwnership(path);
    tracker.fs.statSync(path);
    tracker.acquired();
    await rmdir(path);
    expect(tracker.stillOwned()).toBe(false);

    await mkdir(path); // another process's lock now
    tracker.disown();
    tracker.fs.rmdirSync(path);
    expect((await stat(path)).isDirectory()).toBe(true);
  });
});
