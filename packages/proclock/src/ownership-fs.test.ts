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

const statVia = (fs: ReturnType<typeof trackOwnership>['fs'], path: string): Promise<void> =>
  new Promise((resolve, reject) => fs.stat(path, (error) => (error ? reject(error) : resolve())));
const utimesVia = (
  fs: ReturnType<typeof trackOwnership>['fs'],
  path: string,
  time: Date,
): Promise<void> =>
  new Promise((resolve, reject) =>
    fs.utimes(path, time, time, (error) => (error ? reject(error) : resolve())),
  );

describe('trackOwnership', () => {
  it('owns the mtime read at acquisition and each one written since', async () => {
    const path = join(dir, 'x.lock');
    await mkdir(path);
    const tracker = trackOwnership(path);
    await statVia(tracker.fs, path);
    tracker.acquired();
    expect(await tracker.stillOwned()).toBe(true);

    await utimesVia(tracker.fs, path, new Date(Date.now() + 1000));
    expect(await tracker.stillOwned()).toBe(true);

    // A read after acquisition (proper-lockfile's refresh check) changes nothing.
    const other = new Date(Date.now() + 9000);
    await utimes(path, other, other);
    await statVia(tracker.fs, path);
    expect(await tracker.stillOwned()).toBe(false);
  });

  it('counts a refresh in flight as ours', async () => {
    const path = join(dir, 'x.lock');
    await mkdir(path);
    const tracker = trackOwnership(path);
    await statVia(tracker.fs, path);
    tracker.acquired();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? utimesVia(tracker.fs, path, new Date(Date.now() + 1000 + i)).then(() => true)
          : tracker.stillOwned(),
      ),
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it('reports a removed directory as lost, and once disowned will not remove it', async () => {
    const path = join(dir, 'x.lock');
    await mkdir(path);
    const tracker = trackOwnership(path);
    await statVia(tracker.fs, path);
    tracker.acquired();
    await rmdir(path);
    expect(await tracker.stillOwned()).toBe(false);

    await mkdir(path); // another process's lock now
    tracker.disown();
    tracker.fs.rmdirSync(path);
    await new Promise<void>((resolve) => tracker.fs.rmdir(path, () => resolve()));
    expect((await stat(path)).isDirectory()).toBe(true);
  });
});
