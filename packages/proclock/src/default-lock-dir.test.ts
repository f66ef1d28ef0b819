import { homedir } from 'node:os';
import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLockDir } from './default-lock-dir.js';

describe('defaultLockDir', () => {
  it('uses $XDG_CACHE_HOME on Linux', () => {
    expect(
      defaultLockDir({ platform: 'linux', homedir: '/home/ada', env: { XDG_CACHE_HOME: '/c' } }),
    ).toBe('/c/latch/locks');
  });

  it('falls back to ~/.cache when XDG_CACHE_HOME is unset, empty or relative', () => {
    for (const XDG_CACHE_HOME of [undefined, '', 'relative/cache']) {
      expect(
        defaultLockDir({ platform: 'linux', homedir: '/home/ada', env: { XDG_CACHE_HOME } }),
      ).toBe('/home/ada/.cache/latch/locks');
    }
    expect(defaultLockDir({ platform: 'freebsd', homedir: '/home/ada', env: {} })).toBe(
      '/home/ada/.cache/latch/locks',
    );
  });

  it('uses ~/Library/Caches on macOS, whatever XDG says', () => {
    expect(
      defaultLockDir({ platform: 'darwin', homedir: '/Users/ada', env: { XDG_CACHE_HOME: '/c' } }),
    ).toBe('/Users/ada/Library/Caches/latch/locks');
  });

  it('uses %LOCALAPPDATA% on Windows, or AppData\\Local under the home directory', () => {
    expect(
      defaultLockDir({
        platform: 'win32',
        homedir: 'C:\\Users\\ada',
        env: { LOCALAPPDATA: 'D:\\Local' },
      }),
    ).toBe('D:\\Local\\latch\\locks');
    expect(defaultLockDir({ platform: 'win32', homedir: 'C:\\Users\\ada', env: {} })).toBe(
      'C:\\Users\\ada\\AppData\\Local\\latch\\locks',
    );
  });

  it('needs no home directory when the variable is set, and throws TypeError when it is', () => {
    expect(defaultLockDir({ platform: 'linux', homedir: '', env: { XDG_CACHE_HOME: '/c' } })).toBe(
      '/c/latch/locks',
    );
    expect(() => defaultLockDir({ platform: 'linux', homedir: '', env: {} })).toThrow(TypeError);
    expect(() => defaultLockDir({ platform: 'darwin', homedir: '', env: {} })).toThrow(TypeError);
  });

  it("defaults to the running process's environment", () => {
    const dir = defaultLockDir();
    expect(isAbsolute(dir)).toBe(true);
    expect(dir.endsWith('locks')).toBe(true);
    if (process.platform === 'linux' && !process.env.XDG_CACHE_HOME) {
      expect(dir).toBe(`${homedir()}/.cache/latch/locks`);
    }
  });
});
