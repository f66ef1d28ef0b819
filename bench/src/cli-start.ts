import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Issuer, startIssuer } from '@latch/issuer';
import type { BenchSuite } from './suite.js';

const CLI = fileURLToPath(new URL('../../apps/demo-cli/dist/bin/latch.cjs', import.meta.url));

let issuer: Issuer | undefined;
let home = '';
let env: Record<string, string> = {};

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node args` to its end; `onStderr` sees each stderr chunk. */
function run(args: readonly string[], onStderr?: (chunk: string) => void): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      onStderr?.(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `latch login --device` against the embedded issuer, approved by the demo user. */
async function logIn(started: Issuer): Promise<void> {
  let approval: Promise<void> | undefined;
  let seen = '';
  const login = await run([CLI, 'login', '--device', '--json'], (chunk) => {
    seen += chunk;
    const event = /\{"event":"device_code","userCode":"([^"]+)"/.exec(seen);
    if (event?.[1] !== undefined && approval === undefined) {
      approval = started.approveDevice(event[1]);
    }
  });
  await approval;
  if (login.code !== 0) throw new Error(`latch login failed (${login.code}):\n${login.stderr}`);
}

/** Waits for `node args` to exit and fails unless it exited 0. */
async function runOk(args: readonly string[]): Promise<void> {
  const exit = await run(args);
  if (exit.code !== 0) throw new Error(`node ${args.join(' ')} exited ${exit.code}`);
}

/**
 * `latch token` as a cold process, with a stored, fresh token (no network), against the bare
 * start of node: what a user pays for `$(latch token)` over any node program.
 */
export const cliStartSuite: BenchSuite = {
  name: 'cli: cold `latch token` with a fresh stored token',
  setup: async () => {
    if (!existsSync(CLI)) {
      throw new Error(`${CLI} is missing: pnpm turbo run build --filter=@latch/demo-cli... first`);
    }
    issuer = await startIssuer({ accessTokenTtl: 86_400, log: () => {} });
    home = await mkdtemp(join(tmpdir(), 'latch-bench-cli-'));
    env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      LATCH_ISSUER: issuer.url,
      LATCH_TOKEN_STORE: 'file',
      LATCH_TEST_POLL_MS: '100',
    };
    await logIn(issuer);
    const token = await run([CLI, 'token']);
    if (token.code !== 0 || !/^[\w-]+\.[\w-]+\.[\w-]+\n$/.test(token.stdout)) {
      throw new Error(`latch token printed no token (${token.code}):\n${token.stderr}`);
    }
  },
  teardown: async () => {
    await issuer?.close();
    issuer = undefined;
    await rm(home, { recursive: true, force: true });
  },
  baseline: { name: "node -e ''", fn: () => runOk(['-e', '']) },
  subjects: [
    {
      name: 'node dist/bin/latch.cjs token',
      // Extra work: config file, store file and key read, AES-GCM, the token manager's checks,
      // and the modules behind them (loaded lazily: no login, network or keychain code).
      maxRatio: 1.6,
      fn: () => runOk([CLI, 'token']),
    },
  ],
};
