import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadedModules, recordModules } from './test-support/module-log.js';
import {
  killStragglers,
  latchEnv,
  loginAsDemoUser,
  runLatch,
  startLatch,
} from './test-support/run-latch.js';
import { fileSession } from './test-support/session.js';
import { runLatchInTerminal } from './test-support/terminal.js';

const ESC = '\u001b';
/** The user code, bold and reversed. */
const LARGE_CODE = new RegExp(`${ESC}\\[1;7m {2}[A-Z]{4}-[A-Z]{4} {2}${ESC}\\[0m`);
/** Any colour or weight (SGR) escape; cursor movement is something else. */
const SGR = new RegExp(`${ESC}\\[[\\d;]*m`);

// The device login's waiting screen and Ctrl-C, in the built CLI as a real process.
describe('latch login with a device code (the built CLI)', () => {
  let issuer: Issuer;
  let env: Record<string, string>;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
  });
  afterAll(async () => {
    await issuer.close();
  });
  afterEach(killStragglers);
  beforeEach(async () => {
    env = await latchEnv(issuer);
  });

  it('stops on Ctrl-C while waiting: exit 130, one "cancelled" line, nothing stored', async () => {
    const latch = startLatch(['login', '--device'], env);
    await latch.line(/^Waiting for you to approve/);
    latch.child.kill('SIGINT');
    const run = await latch.done;
    expect(run.code).toBe(130);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('cancelled');
    expect(run.stderr).not.toContain('\u001b'); // not a terminal: no spinner, no escapes
    expect(await fileSession(env, issuer.url)).toBeUndefined();
    expect((await runLatch(['status'], env)).code).toBe(3);
  });

  it('on a terminal: the code large, a QR code, a countdown; Ctrl-C restores the cursor', async () => {
    const latch = runLatchInTerminal(['login', '--device'], env, { columns: 100, rows: 50 });
    await latch.waitFor('(Ctrl-C cancels)');
    latch.type('\u0003');
    const { code, output } = await latch.done;
    expect(code).toBe(130);
    expect(output).toMatch(LARGE_CODE);
    expect(output).toContain('or scan this code with your phone:');
    expect(output).toContain('█');
    expect(output).toMatch(/the code expires in (10:00|0\d:\d\d)/);
    const hidden = output.indexOf('\u001b[?25l');
    expect(hidden).toBeGreaterThan(-1);
    expect(output.indexOf('\u001b[?25h', hidden)).toBeGreaterThan(hidden);
    expect(output).toMatch(/cancelled\r?\n$/);
    expect(await fileSession(env, issuer.url)).toBeUndefined();
  });

  it('leaves out the QR code where it would not fit, and colour under NO_COLOR', async () => {
    const narrow = runLatchInTerminal(
      ['login', '--device'],
      { ...env, NO_COLOR: '1' },
      {
        columns: 30,
        rows: 50,
      },
    );
    await narrow.waitFor('(Ctrl-C cancels)');
    narrow.type('\u0003');
    const { code, output } = await narrow.done;
    expect(code).toBe(130);
    expect(output).not.toContain('█');
    expect(output).toMatch(/or open http:\/\/127\.0\.0\.1:\d+\/device\?user_code=/);
    expect(output).not.toMatch(SGR); // no colour or bold, only cursor movement
  });

  it('draws nothing on TERM=dumb: plain lines', async () => {
    const dumb = runLatchInTerminal(['login', '--device'], { ...env, TERM: 'dumb' });
    await dumb.waitFor('Waiting for you to approve');
    dumb.type('\u0003');
    const { code, output } = await dumb.done;
    expect(code).toBe(130);
    expect(output).not.toContain('█');
    expect(output).not.toContain('\u001b');
  });

  it('initialises no login, network, keychain or lock code for `latch token` with a fresh token', async () => {
    expect((await loginAsDemoUser(issuer, env)).code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'latch-modules-'));
    const log = join(dir, 'modules.txt');
    const latch = startLatch(
      ['token'],
      // The file store named outright: `auto` would probe the keychain (a worker) first.
      { ...env, LATCH_TOKEN_STORE: 'file', LATCH_TEST_MODULE_LOG: log },
      { nodeArgs: await recordModules(dir) },
    );
    latch.child.stdin.end();
    expect((await latch.done).code).toBe(0);
    const loaded = await loadedModules(log);
    // It did read the encrypted store (crypto) and print through the bundle …
    expect(loaded.builtins).toContain('crypto');
    // The launcher is required; it compiles the main bundle itself (from its code cache).
    const bundle = /\/dist\/bin\/latch(-main)?\.cjs$/;
    expect(loaded.files.filter((file) => bundle.test(file)).length).toBeGreaterThan(0);
    // … and nothing that only a login, a request, the keychain or a lock needs: no loopback
    // server (http), no browser launcher (child_process), no paste reader (readline), no
    // keychain probe (worker_threads), no lock (graceful-fs), no promise fs.
    for (const builtin of ['http', 'readline', 'worker_threads', 'child_process', 'fs/promises']) {
      expect(loaded.builtins).not.toContain(builtin);
    }
    // Nothing else was required: not the login bundles (dist/bin/login/), not undici, open or
    // the keyring addon (from node_modules), and nothing was imported.
    expect(loaded.imported).toBe(false);
    expect(loaded.files.filter((file) => !bundle.test(file))).toEqual([
      expect.stringMatching(/record-modules\.cjs$/),
    ]);
    expect(loaded.gracefulFs).toBe(false);
  });
});
