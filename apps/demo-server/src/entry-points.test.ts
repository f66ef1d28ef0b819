import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type Issuer, startIssuer } from '@latch/issuer';
import { assertDistFresh } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from './test-support/harness.js';

// The entry points run as the commands they are: `node dist/main.js` (`pnpm start`) and
// `node dist/demo.js` (`pnpm demo:server`).
const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const DEMO = fileURLToPath(new URL('../dist/demo.js', import.meta.url));

let issuer: Issuer;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  assertDistFresh(PACKAGE_DIR, '@latch/demo-server');
  issuer = await startIssuer({ log: () => {} });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await issuer?.close();
});

interface Run {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code (or signal) once the process ended, within 20 s. */
  readonly exit: Promise<number | string>;
}

function run(script: string, env: Record<string, string>): Run {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(LATCH_|REDIS_URL$|PORT$)/.test(name)),
  ) as Record<string, string>;
  const child = spawn(process.execPath, [script], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exit = new Promise<number | string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not exit in 20 s`)), 20_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Waits (≤ 20 s) until the process printed a line matching `pattern`; returns the match. */
async function printed(running: Run, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = pattern.exec(running.stdout());
    if (found) return found;
    if (running.child.exitCode !== null) {
      throw new Error(`exited ${running.child.exitCode}: ${running.stderr()}`);
    }
    if (Date.now() > deadline) throw new Error(`no ${pattern} in 20 s: ${running.stdout()}`);
    await Promise.race([once(running.child.stdout as NodeJS.ReadableStream, 'data'), sleep(100)]);
  }
}

describe('node dist/main.js', () => {
  it('says which settings are missing and exits 2', async () => {
    const running = run(MAIN, { LATCH_SERVER_SECRET: TEST_SECRET });
    expect(await running.exit).toBe(2);
    expect(running.stderr()).toContain('Set LATCH_ISSUER and LATCH_SERVER_SECRET');
  });

  it('names a bad setting and exits 2', async () => {
    const running = run(MAIN, {
      LATCH_ISSUER: issuer.url,
      LATCH_SERVER_SECRET: TEST_SECRET,
      PORT: 'eighty',
    });
    expect(await running.exit).toBe(2);
    expect(running.stderr()).toContain('options.port');
    expect(running.stderr()).not.toContain(TEST_SECRET);
  });

  it('serves from the environment, then stops cleanly on SIGTERM', async () => {
    const running = run(MAIN, {
      LATCH_ISSUER: issuer.url,
      LATCH_SERVER_SECRET: TEST_SECRET,
      PORT: '0',
      LATCH_INSTANCE: 'from-env',
    });
    const [, url] = await printed(running, /latch demo server \(memory stores\) on (\S+)\n/);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-latch-instance')).toBe('from-env');
    expect(await page.text()).toContain('name="password"');
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
  });
});

describe('node dist/demo.js (pnpm demo:server)', () => {
  it('starts its issuer and a server, prints how to sign in, and stops on SIGINT', async () => {
    const running = run(DEMO, { PORT: '0' });
    const [, url] = await printed(running, /open:\s+(\S+)\n/);
    const [, tenant, password] = await printed(running, /tenants:\s+(\w+) \/ (\S+?),/);
    const signIn = await fetch(`${url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: url as string, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ tenant: tenant as string, password: password as string }),
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const [, issuerUrl] = await printed(running, /issuer:\s+(\S+)\n/);
    const discovery = await fetch(`${issuerUrl}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    running.child.kill('SIGINT');
    expect(await running.exit).toBe(0);
  });
});
