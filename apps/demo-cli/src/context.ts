import type { DeviceVerification } from '@latch/device-grant';
import type { TokenManager } from '@latch/token-manager';
import type { OpenedTokenStore, TokenStoreBackend } from '@latch/tokenstore';
import type { CliArgs } from './args.js';
import { type ConfigFile, configDir, type Env, lockDir, type ResolvedConfig } from './config.js';
import { UsageError } from './exit-codes.js';
import type { Output, Writable } from './output.js';

/** Hooks a host process (the demo, a test) can give `runCli`. */
export interface CliHooks {
  /** Called after the device code is shown: the demo's scripted user approves here. */
  readonly onVerification?: ((verification: DeviceVerification) => Promise<void>) | undefined;
  /** Replaces the wait between device polls (the demo and tests speed it up). */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** Everything a command runs with. */
export interface CliContext {
  /** The parsed command line. */
  readonly args: CliArgs;
  /** The environment. */
  readonly env: Env;
  /** The resolved configuration. */
  readonly config: ResolvedConfig;
  /** The config file as read. */
  readonly file: ConfigFile;
  /** Where to write. */
  readonly out: Output;
  /** Cancels the command (Ctrl-C). */
  readonly signal: AbortSignal;
  /** The raw progress stream, for the login's spinner (which needs the terminal's methods). */
  readonly stderr: Writable;
  /** Where `latch login` reads a pasted redirect URL from. */
  readonly stdin: NodeJS.ReadableStream;
  /** Host hooks. */
  readonly hooks: CliHooks;
}

/** The issuer, or a usage error that says how to name one. */
export function requireIssuer(ctx: CliContext): string {
  const issuer = ctx.config.issuer;
  if (issuer === undefined) {
    throw new UsageError(
      'no issuer configured: pass --issuer URL or set LATCH_ISSUER (run `pnpm demo` to try the embedded demo issuer)',
    );
  }
  return issuer;
}

const BACKENDS = ['auto', 'keyring', 'file', 'memory'] as const;

/** The keychain service and file-store name of `latch`'s tokens. */
export const TOKEN_SERVICE = 'latch';

/** Where the encrypted file store lives: `$XDG_CONFIG_HOME/latch/tokens`. */
export function fileStoreOptions(ctx: CliContext): { dir: string; lockTimeoutMs: number } {
  return { dir: `${configDir(ctx.env)}/tokens`, lockTimeoutMs: 30_000 };
}

/**
 * Opens the token store: `LATCH_TOKEN_STORE` if set, else the backend this profile's login
 * used (no keychain probe on `latch token`), else `auto`. Warns on the file fallback.
 */
export async function openStore(ctx: CliContext): Promise<OpenedTokenStore> {
  const { openTokenStore } = await import('@latch/tokenstore');
  const wanted = ctx.env.LATCH_TOKEN_STORE || savedBackend(ctx) || 'auto';
  if (!(BACKENDS as readonly string[]).includes(wanted)) {
    throw new UsageError(`LATCH_TOKEN_STORE must be one of ${BACKENDS.join(', ')}`);
  }
  const opened = await openTokenStore({
    service: TOKEN_SERVICE,
    prefer: wanted as (typeof BACKENDS)[number],
    file: fileStoreOptions(ctx),
    signal: ctx.signal,
  });
  ctx.out.debug(`token store: ${opened.backend} (asked for ${wanted})`);
  if (opened.warning !== undefined) ctx.out.warn(opened.warning);
  return opened;
}

function savedBackend(ctx: CliContext): TokenStoreBackend | undefined {
  const saved = ctx.file.profiles?.[ctx.config.profile] as { backend?: TokenStoreBackend };
  return saved?.backend;
}

/** The token manager of the configured issuer and profile. */
export async function openManager(
  ctx: CliContext,
  opened: Pick<OpenedTokenStore, 'store'>,
): Promise<TokenManager> {
  const { TokenManager } = await import('@latch/token-manager');
  return new TokenManager({
    issuer: requireIssuer(ctx),
    clientId: ctx.config.clientId,
    store: opened.store,
    profile: ctx.config.profile,
    lockDir: lockDir(ctx.env),
  });
}
