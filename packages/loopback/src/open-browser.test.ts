import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserCommand } from './browser-command.js';
import { openBrowser } from './open-browser.js';

const URL_ = 'https://as.example/authorize?client_id=my-cli&state=abc';

function recordingLaunch(fail: (command?: BrowserCommand) => boolean = () => false) {
  const calls: { url: string; command: BrowserCommand | undefined }[] = [];
  const launch = async (url: string, command?: BrowserCommand) => {
    calls.push({ url, command });
    if (fail(command)) throw Object.assign(new Error('spawn failed'), { code: 'ENOENT' });
  };
  return { calls, launch };
}

describe('openBrowser', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'latch-open-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uses the system opener when BROWSER is unset', async () => {
    const { calls, launch } = recordingLaunch();
    await expect(openBrowser(URL_, { env: {}, launch })).resolves.toEqual({ opened: true });
    expect(calls).toEqual([{ url: URL_, command: undefined }]);
  });

  it('does not open anything for BROWSER=none', async () => {
    const { calls, launch } = recordingLaunch();
    await expect(openBrowser(URL_, { env: { BROWSER: 'none' }, launch })).resolves.toMatchObject({
      opened: false,
      reason: 'disabled',
    });
    expect(calls).toEqual([]);
  });

  it('tries each BROWSER command in turn', async () => {
    const { calls, launch } = recordingLaunch((command) => command?.command === 'missing');
    const result = await openBrowser(URL_, { env: { BROWSER: 'missing:firefox' }, launch });
    expect(result).toEqual({ opened: true });
    expect(calls.map((call) => call.command?.command)).toEqual(['missing', 'firefox']);
  });

  it('reports, without throwing and without the URL, when nothing could be started', async () => {
    const { launch } = recordingLaunch(() => true);
    const result = await openBrowser(URL_, { env: { BROWSER: 'a:b' }, launch });
    expect(result).toMatchObject({ opened: false, reason: 'launch_failed' });
    if (!result.opened) {
      expect(result.message).toContain('a: ENOENT; b: ENOENT');
      expect(result.message).not.toContain('state=abc');
    }
  });

  it('starts a real BROWSER command through the open package', async () => {
    const out = join(dir, 'opened.txt');
    const script = join(dir, 'fake-browser.sh');
    await writeFile(
      script,
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${out}.tmp' && mv '${out}.tmp' '${out}'\n`,
    );
    await chmod(script, 0o755);
    const result = await openBrowser(URL_, {
      env: { BROWSER: `/nonexistent/browser:${script} --flag %s` },
      platform: 'linux',
    });
    expect(result).toEqual({ opened: true });
    let written: string | undefined;
    for (let i = 0; i < 200 && written === undefined; i++) {
      written = await readFile(out, 'utf8').catch(() => undefined);
      if (written === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(written).toBe(`--flag\n${URL_}\n`);
  });

  it('refuses URLs that are not http(s), which would open files or programs', async () => {
    const { calls, launch } = recordingLaunch();
    await expect(openBrowser('file:///etc/passwd', { env: {}, launch })).rejects.toThrow(TypeError);
    await expect(openBrowser('/usr/bin/xterm', { env: {}, launch })).rejects.toThrow(TypeError);
    expect(calls).toEqual([]);
  });
});
