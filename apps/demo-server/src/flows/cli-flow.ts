import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childProcessDriver, type DriverFactory, type ProviderPatterns } from '@latch/auth-session';
import { EncryptedFileStore, storeKey } from '@latch/tokenstore';
import type { FlowDeps } from './flow-deps.js';
import { withPending } from './pending-driver.js';

/** The environment variable that names the session a `latch` child process belongs to. */
export const CLI_SESSION_ENV = 'LATCH_DEMO_SERVER_SESSION';

/**
 * How `latch login --device --json` talks: the device code as a JSON event line on stderr
 * (`{"event":"device_code","userCode":"…","verificationUri":"…",…}`), errors as
 * `{"event":"error",…,"message":"…"}`.
 */
export const LATCH_CLI_PATTERNS: ProviderPatterns = Object.freeze({
  userCode: [
    /"event":"device_code","userCode":"(?<code>[^"\s]+)","verificationUri":"(?<url>[^"\s]+)"/,
  ],
  loggedIn: [/^Logged in as (?<account>[^\s,;()]+?)\.?$/],
  failure: [/"event":"error".*"message":"(?<message>[^"]*)"/],
});

/** Settings of {@link cliFlow}. */
export interface CliFlowOptions {
  /** The `latch` CLI's `dist/cli.js`. */
  readonly cliPath: string;
  /** Extra environment for the CLI (e.g. `LATCH_TEST_POLL_MS` in tests). */
  readonly env: Readonly<Record<string, string>>;
  /** Time between SIGTERM and SIGKILL of the CLI's process group. */
  readonly killGraceMs: number;
}

/**
 * The CLI flow: `@latch/auth-session`'s child-process driver runs `node <cli.js> login
 * --device --json` with a throw-away HOME (its config and encrypted file store), reads the
 * code from its output, and — once it exits 0 — `confirm` moves the tokens from that file
 * store into the tenant's store. The directory is removed when the login ends, however.
 *
 * @param deps - The server's flow dependencies.
 * @param options - Where the CLI is and how to run it.
 * @returns The driver factory for the `cli` provider.
 */
export function cliFlow(deps: FlowDeps, options: CliFlowOptions): DriverFactory {
  return withPending(
    deps,
    'cli',
    'device_code',
    () => ({}),
    async (context) => {
      const tenant = context.intoBundleId as string;
      const home = await mkdtemp(join(tmpdir(), 'latch-demo-cli-'));
      const config = join(home, 'config');
      const env: Record<string, string> = {
        HOME: home,
        XDG_CONFIG_HOME: config,
        XDG_CACHE_HOME: join(home, 'cache'),
        LATCH_ISSUER: deps.issuer,
        LATCH_CLIENT_ID: deps.clientId,
        LATCH_TOKEN_STORE: 'file',
        NO_COLOR: '1',
        [CLI_SESSION_ENV]: context.sessionId,
        ...options.env,
      };
      if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
      const factory = childProcessDriver({
        command: [process.execPath, options.cliPath, 'login', '--device', '--json'],
        env,
        cwd: home,
        patterns: LATCH_CLI_PATTERNS,
        killGraceMs: options.killGraceMs,
        sleep: deps.sleep,
        confirm: async ({ signal }) => {
          const store = new EncryptedFileStore({
            service: 'latch',
            dir: join(config, 'latch', 'tokens'),
          });
          const tokens = await store.load(storeKey({ issuer: deps.issuer }), { signal });
          if (tokens === undefined || signal.aborted) return undefined;
          const who = await deps.tokens.save(tenant, tokens);
          return { bundleId: tenant, email: who };
        },
      });
      let driver: Awaited<ReturnType<DriverFactory>>;
      try {
        driver = await factory(context);
      } catch (error) {
        await rm(home, { recursive: true, force: true });
        throw error;
      }
      const removeHome = () => rm(home, { recursive: true, force: true }).catch(deps.onError);
      return { done: driver.done.finally(removeHome) };
    },
  );
}
