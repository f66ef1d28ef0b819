import { describe, expect, it } from 'vitest';
import { defaultStoreDir } from './default-store-dir.js';

describe('defaultStoreDir', () => {
  it('follows XDG on Linux, with ~/.config when XDG_CONFIG_HOME is unset or relative', () => {
    const linux = { homedir: '/home/ada', platform: 'linux' as const };
    expect(defaultStoreDir('mycli', { ...linux, env: { XDG_CONFIG_HOME: '/xdg' } })).toBe(
      '/xdg/latch/mycli',
    );
    expect(defaultStoreDir('mycli', { ...linux, env: {} })).toBe('/home/ada/.config/latch/mycli');
    expect(defaultStoreDir('mycli', { ...linux, env: { XDG_CONFIG_HOME: 'rel' } })).toBe(
      '/home/ada/.config/latch/mycli',
    );
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultStoreDir('mycli', { env: {}, homedir: '/Users/ada', platform: 'darwin' })).toBe(
      '/Users/ada/Library/Application Support/latch/mycli',
    );
    expect(
      defaultStoreDir('mycli', {
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        homedir: 'C:\\Users\\ada',
        platform: 'win32',
      }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\latch\\mycli');
    expect(
      defaultStoreDir('mycli', { env: {}, homedir: 'C:\\Users\\ada', platform: 'win32' }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\latch\\mycli');
  });

  it('throws TypeError for a bad service or when no home directory is known', () => {
    expect(() => defaultStoreDir('../x', { env: {}, homedir: '/h', platform: 'linux' })).toThrow(
      TypeError,
    );
    expect(() => defaultStoreDir('mycli', { env: {}, homedir: '', platform: 'linux' })).toThrow(
      TypeError,
    );
  });
});
