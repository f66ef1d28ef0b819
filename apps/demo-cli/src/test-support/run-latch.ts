import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issuer } from '@latch/issuer';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What a `latch` process did. */
export interface LatchRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A throw-away HOME with XDG dirs, and `latch` pointed at `issuer` with the file store. */
export async function latchEnv(issuer: Issuer): Promise<Record<string, string>> {
  const home = await mkdtemp(join(tmpdir(), 'latch-cli-test-'));
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    LATCH_ISSUER: issuer.url,
    LATCH_TOKEN_STORE: 'file',
    LATCH_TEST_POLL_MS: '100',
  };
}

/**
 * Runs the built `latch` as a real process.
 * @param onStderrLine - Sees each stderr line as it arrives (e.g. the device code event).
 */
export function runLatch(
  args: readonly string[],
  env: Record<string, string>,
  onStderrLine?: (line: string) => void,
): Promise<LatchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        onStderrLine?.(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `latch login --json` with the demo user approving the printed code on the issuer's pages. */
export async function loginAsDemoUser(
  issuer: Issuer,
  env: Record<string, string>,
  extra: readonly string[] = [],
): Promise<LatchRun & { userCode: string | undefined }> {
  let userCode: string | undefined;
  let approval: Promise<void> | undefined;
  const run = await runLatch(['login', '--json', ...extra], env, (line) => {
    if (!line.startsWith('{')) return;
    const event = JSON.parse(line) as { event?: string; userCode?: string };
    if (event.event === 'device_code' && event.userCode !== undefined) {
      userCode = event.userCode;
      approval = issuer.approveDevice(event.userCode);
    }
  });
  await approval;
  return { ...run, userCode };
}
