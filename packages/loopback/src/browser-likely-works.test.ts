import { describe, expect, it } from 'vitest';
import { browserLikelyWorks } from './browser-likely-works.js';

const LINUX_DESKTOP = { DISPLAY: ':0' };

function reason(env: Record<string, string>, platform = 'linux', osRelease = '6.1.0-18-amd64') {
  const check = browserLikelyWorks({ env, platform, osRelease });
  return check.likely ? 'likely' : check.reason;
}

describe('browserLikelyWorks', () => {
  it('trusts a desktop: a Linux display, Wayland, macOS, Windows', () => {
    expect(reason(LINUX_DESKTOP)).toBe('likely');
    expect(reason({ WAYLAND_DISPLAY: 'wayland-0' })).toBe('likely');
    expect(reason({}, 'darwin')).toBe('likely');
    expect(reason({}, 'win32')).toBe('likely');
  });

  it('says no display on Linux and the BSDs without DISPLAY or WAYLAND_DISPLAY', () => {
    expect(reason({})).toBe('no_display');
    expect(reason({ DISPLAY: '' })).toBe('no_display');
    expect(reason({}, 'freebsd')).toBe('no_display');
  });

  it('says ssh in an SSH session, even with a forwarded display', () => {
    expect(reason({ ...LINUX_DESKTOP, SSH_CONNECTION: '10.0.0.2 5000 10.0.0.1 22' })).toBe('ssh');
    expect(reason({ SSH_TTY: '/dev/pts/1' }, 'darwin')).toBe('ssh');
    expect(reason({ SSH_CLIENT: '10.0.0.2 5000 22' })).toBe('ssh');
  });

  it('says ci in CI, whatever else is set', () => {
    expect(reason({ ...LINUX_DESKTOP, CI: 'true' })).toBe('ci');
    expect(reason({ CI: '1', BROWSER: 'firefox' }, 'darwin')).toBe('ci');
    expect(reason({ ...LINUX_DESKTOP, CI: 'false' })).toBe('likely');
  });

  it('honours BROWSER: none disables, a command is trusted even over SSH', () => {
    expect(reason({ ...LINUX_DESKTOP, BROWSER: 'none' })).toBe('disabled');
    expect(reason({ BROWSER: 'wslview', SSH_TTY: '/dev/pts/0' })).toBe('likely');
  });

  it('on WSL, needs interop or a display', () => {
    const wsl = '5.15.153.1-microsoft-standard-WSL2';
    expect(reason({ WSL_DISTRO_NAME: 'Debian' }, 'linux', wsl)).toBe('wsl_no_interop');
    expect(reason({}, 'linux', wsl)).toBe('wsl_no_interop');
    expect(
      reason({ WSL_DISTRO_NAME: 'Debian', WSL_INTEROP: '/run/WSL/1_interop' }, 'linux', wsl),
    ).toBe('likely');
    expect(reason({ WSL_DISTRO_NAME: 'Debian', DISPLAY: ':0' }, 'linux', wsl)).toBe('likely');
  });

  it('gives a sentence for the user with each reason', () => {
    const check = browserLikelyWorks({ env: {}, platform: 'linux', osRelease: '6.1' });
    expect(check).toMatchObject({ likely: false, reason: 'no_display' });
    if (!check.likely) expect(check.message).toMatch(/DISPLAY/);
  });
});
