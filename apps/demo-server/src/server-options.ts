import type { TokenStore } from '@latch/tokenstore';
import type { RateLimitOptions } from './rate-limit.js';
import type { Tenant } from './tenants.js';

/** The scope every flow asks for. */
export const DEFAULT_SCOPE = 'openid profile email offline_access api:read';

/** The embedded issuer's client for servers (see `tools/issuer`). */
export const DEFAULT_CLIENT_ID = 'latch-server';

/**
 * Options of {@link createServer}. Only `issuer` and `cookieSecret` are required.
 */
export interface DemoServerOptions {
  /** The issuer identifier (discovered through RFC 8414 / OpenID metadata). Required. */
  readonly issuer: string;
  /**
   * The HMAC key of the login cookie and the CSRF tokens: at least 32 characters, the same for
   * every instance. Required.
   */
  readonly cookieSecret: string;
  /** The public client id. Default: `latch-server`. */
  readonly clientId?: string | undefined;
  /** The scope of every login. Default: `openid profile email offline_access api:read`. */
  readonly scope?: string | undefined;
  /** The address to listen on. Default: `127.0.0.1`. */
  readonly host?: string | undefined;
  /** The port. Default: 0 (any free port; see `url`). */
  readonly port?: number | undefined;
  /**
   * The URL browsers reach this instance at (callback URLs are built on it). Default:
   * `http://{host}:{port}`.
   */
  readonly publicUrl?: string | undefined;
  /** A Redis URL: pendings, session state and tokens go to Redis. Default: memory. */
  readonly redisUrl?: string | undefined;
  /** The prefix of every Redis key (the same for instances that share tenants). Default: `latch:demo-server`. */
  readonly redisKeyPrefix?: string | undefined;
  /** The tenants. Default: {@link DEMO_TENANTS}. */
  readonly tenants?: readonly Tenant[] | undefined;
  /** Show the demo passwords on the sign-in page. Default: `false`. */
  readonly showDemoPasswords?: boolean | undefined;
  /** The `latch` command's file (CLI flow). Default: {@link defaultCliPath} (this repository's `apps/demo-cli`). */
  readonly cliPath?: string | undefined;
  /** Extra environment for the CLI. Default: none. */
  readonly cliEnv?: Readonly<Record<string, string>> | undefined;
  /** The CLI's grace between SIGTERM and SIGKILL, in ms. Default: 2 000. */
  readonly cliKillGraceMs?: number | undefined;
  /** This instance's name (the `x-latch-instance` header, the footer). Default: `server`. */
  readonly instanceName?: string | undefined;
  /** The second resource ("Call the API", by token exchange). Default: `{issuer}/resources/data`. */
  readonly dataResource?: string | undefined;
  /** The per-tenant limit of status polls. Default: 120 per 60 s. */
  readonly pollLimit?: RateLimitOptions | undefined;
  /**
   * The limit of failed sign-ins per client address and tenant; once used up, every sign-in
   * attempt of that pair gets a 429 until the window ends. Behind a proxy every client shares
   * the proxy's address. Default: 10 per 15 minutes.
   */
  readonly signInLimit?: RateLimitOptions | undefined;
  /** How long a login may take, in ms. Default: 600 000. */
  readonly sessionTimeoutMs?: number | undefined;
  /** How often an idle event stream sends a comment, in ms. Default: 15 000. */
  readonly keepAliveMs?: number | undefined;
  /** Mark the login cookie `Secure`. Default: whether `publicUrl` is https. */
  readonly secureCookies?: boolean | undefined;
  /** The token store instead of memory or Redis (the caller keeps it). Default: none. */
  readonly tokenStore?: TokenStore | undefined;
  /** Where the token managers take their refresh lock. Default: `{tmpdir}/latch-demo-server-locks`. */
  readonly lockDir?: string | undefined;
  /** The clock, epoch ms. Default: `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Waits `ms` unless `signal` aborts (device polling, kill grace). Default: core's `sleep`. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /**
   * Receives errors of background work and failed requests. Default: one line on stderr with
   * the error's class and code only (never its message's data or a token).
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/**
 * Checks the options that have no safe default.
 *
 * @param options - The options.
 * @throws TypeError for a missing issuer, a short secret or a bad port.
 */
export function checkServerOptions(options: DemoServerOptions): void {
  if (typeof options?.issuer !== 'string' || !URL.canParse(options.issuer)) {
    throw new TypeError('createServer: options.issuer must be an absolute URL');
  }
  if (typeof options.cookieSecret !== 'string' || options.cookieSecret.length < 32) {
    throw new TypeError(
      'createServer: options.cookieSecret must be at least 32 characters (set LATCH_SERVER_SECRET)',
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError('createServer: options.port must be an integer from 0 to 65535');
  }
}

/**
 * The default error sink: the error's class and code, nothing else (messages of foreign
 * errors could hold a URL with a code in it).
 *
 * @param error - What failed.
 */
export function logErrorLine(error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown })?.code;
  process.stderr.write(`demo-server: ${name}${typeof code === 'string' ? ` (${code})` : ''}\n`);
}
