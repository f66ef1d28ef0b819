import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issuer } from '@latch/issuer';
import { TokenManager } from '@latch/token-manager';
import { openTokenStore } from '@latch/tokenstore';
import { configDir, lockDir } from './config.js';
import { describeSecret } from './redact.js';
import { runCli } from './run-cli.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** The scripted demo user approves (no TTY, or `--unattended`). */
  readonly unattended: boolean;
  /** Where the demo's transcript goes, one line at a time (no secret ever). */
  readonly print: (line: string) => void;
  /** Where `latch`'s own progress goes. Default: `print`. */
  readonly stderr?: { write(text: string): unknown; isTTY?: boolean } | undefined;
  /** Cancels the demo (Ctrl-C). */
  readonly signal?: AbortSignal | undefined;
}

/** What the demo saw, for its test. */
export interface DemoResult {
  /** The exit code of each `latch` command line, in order. */
  readonly exitCodes: Readonly<Record<string, number>>;
  /** Every token `latch token` printed (for the test's no-leak check; never printed). */
  readonly tokens: readonly string[];
}

/**
 * `pnpm demo`: runs `latch` against the embedded issuer with a throw-away config directory and
 * the encrypted file store: login (device flow), status, token, a token for the second
 * resource by exchange, a refresh after the access token expires, logout, status again.
 */
export async function runDemo(issuer: Issuer, options: DemoOptions): Promise<DemoResult> {
  const { print } = options;
  const home = await mkdtemp(join(tmpdir(), 'latch-demo-'));
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    LATCH_ISSUER: issuer.url,
    LATCH_TOKEN_STORE: 'file',
    LATCH_PROFILE: 'demo',
  };
  const exitCodes: Record<string, number> = {};
  const tokens: string[] = [];
  const stderr = options.stderr ?? lineWriter(print);
  const latch = async (...argv: string[]): Promise<string> => {
    let stdout = '';
    print(`\n$ latch ${argv.join(' ')}`);
    const code = await runCli(argv, {
      env,
      stderr,
      stdout: { write: (text: string) => (stdout += text) },
      signal: options.signal,
      hooks: options.unattended ? scriptedUser(issuer, print) : {},
    });
    exitCodes[argv.join(' ')] = code;
    if (code !== 0 && !(argv[0] === 'status' && code === 3)) {
      throw new Error(`latch ${argv.join(' ')} exited with ${code}`);
    }
    return stdout;
  };
  try {
    if (!options.unattended) {
      print(
        `Sign in as "${issuer.demoUser.username}" with the password "${issuer.demoUser.password}".`,
      );
    }
    await latch('login', '--device');
    for (const line of (await latch('status')).trimEnd().split('\n')) print(line);
    const core = (await latch('token')).trim();
    tokens.push(core);
    print(describeSecret('access token for the API', core));
    const data = (await latch('token', '--resource', issuer.resources.data)).trim();
    tokens.push(data);
    print(describeSecret(`access token for ${issuer.resources.data} (by exchange)`, data));

    print('\n(an API refuses the token once: the token manager refreshes and retries)');
    const refreshed = await refuseOnce(env, issuer);
    tokens.push(refreshed);
    print(describeSecret('refreshed access token', refreshed));
    print(`changed: ${refreshed !== core ? 'yes' : 'no'}`);

    await latch('logout');
    for (const line of (await latch('status')).trimEnd().split('\n')) print(line);
    print(
      `\ngrants served: device_code ${issuer.grants.count('urn:ietf:params:oauth:grant-type:device_code')}, ` +
        `refresh_token ${issuer.grants.count('refresh_token')}, ` +
        `token-exchange ${issuer.grants.count('urn:ietf:params:oauth:grant-type:token-exchange')}`,
    );
    return { exitCodes, tokens };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

function scriptedUser(issuer: Issuer, print: (line: string) => void) {
  return {
    onVerification: async ({ userCode }: { userCode: string }) => {
      print(
        `(the scripted demo user "${issuer.demoUser.username}" approves on the issuer's pages)`,
      );
      await issuer.approveDevice(userCode);
    },
    // The embedded issuer sends no interval: poll every 200 ms instead of RFC 8628's 5 s.
    sleep: (ms: number, signal?: AbortSignal) =>
      import('node:timers/promises').then(({ setTimeout }) =>
        setTimeout(Math.min(ms, 200), undefined, signal ? { signal } : {}),
      ),
  };
}

/** A forced refresh: an API that answers 401 once, through `withAutoRefresh`. */
async function refuseOnce(env: Record<string, string | undefined>, issuer: Issuer) {
  const { store } = await openTokenStore({
    service: 'latch',
    prefer: 'file',
    file: { dir: `${configDir(env)}/tokens` },
  });
  const manager = new TokenManager({
    issuer: issuer.url,
    clientId: issuer.clientId,
    store,
    profile: 'demo',
    lockDir: lockDir(env),
  });
  const seen: string[] = [];
  await manager.withAutoRefresh(async (token) => {
    seen.push(token);
    return new Response(null, { status: seen.length === 1 ? 401 : 200 });
  });
  const last = seen.at(-1);
  if (seen.length !== 2 || last === undefined) throw new Error('the token was not refreshed');
  return last;
}

function lineWriter(print: (line: string) => void) {
  let pending = '';
  return {
    write(text: string) {
      pending += text;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        print(`  ${pending.slice(0, newline)}`);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      return true;
    },
  };
}
