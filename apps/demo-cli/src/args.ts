import { parseArgs } from 'node:util';
import { UsageError } from './exit-codes.js';

/** The commands `latch` knows. */
export const COMMANDS = ['login', 'status', 'token', 'logout', 'profiles'] as const;

/** One of {@link COMMANDS}. */
export type Command = (typeof COMMANDS)[number];

/** The parsed command line. */
export interface CliArgs {
  /** The command, or `help` for `--help` / no command. */
  readonly command: Command | 'help';
  /** `--json`: machine-readable output on stdout. */
  readonly json: boolean;
  /** `--verbose`: more progress on stderr (never a secret). */
  readonly verbose: boolean;
  /**
   * `--device` / `--browser`: the login method; `auto` (neither flag) picks the browser when
   * one is likely to work (or with `--no-browser`), else the device code.
   */
  readonly method: 'device' | 'browser' | 'auto';
  /** `--no-browser`: never launch a browser; print the URL and accept a pasted redirect URL. */
  readonly noBrowser: boolean;
  /** `--port N`: the loopback port of a browser login (0: any free port). */
  readonly port: number | undefined;
  /** `--profile P`. */
  readonly profile: string | undefined;
  /** `--issuer URL`. */
  readonly issuer: string | undefined;
  /** `--client-id ID`. */
  readonly clientId: string | undefined;
  /** `--scope S`. */
  readonly scope: string | undefined;
  /** `--resource URL` of `latch token`. */
  readonly resource: string | undefined;
  /** `--audience A` of `latch token`. */
  readonly audience: string | undefined;
  /** `--unattended`: the demo's scripted user approves (demo only). */
  readonly unattended: boolean;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  device: { type: 'boolean' },
  browser: { type: 'boolean' },
  'no-browser': { type: 'boolean' },
  port: { type: 'string' },
  profile: { type: 'string' },
  issuer: { type: 'string' },
  'client-id': { type: 'string' },
  scope: { type: 'string' },
  resource: { type: 'string' },
  audience: { type: 'string' },
  unattended: { type: 'boolean' },
} as const;

/** The flags each command accepts besides `--json`, `--verbose`, `--help`. */
const ALLOWED: Record<Command, readonly string[]> = {
  login: ['device', 'browser', 'no-browser', 'port', 'profile', 'issuer', 'client-id', 'scope'],
  status: ['profile', 'issuer', 'client-id'],
  token: ['profile', 'issuer', 'client-id', 'resource', 'audience'],
  logout: ['profile', 'issuer', 'client-id'],
  profiles: [],
};
const COMMON = ['help', 'json', 'verbose', 'unattended'];

/**
 * Parses `latch`'s command line. Pure.
 * @param argv - The arguments after `node cli.js`.
 * @returns The command and its flags.
 * @throws {@link UsageError} for an unknown command or flag, a flag the command does not take,
 *   or a bad value.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(`unexpected argument "${positionals[1]}"`);
  }
  const name = positionals[0];
  if (name !== undefined && !(COMMANDS as readonly string[]).includes(name)) {
    throw new UsageError(`unknown command "${name}"`);
  }
  const command = values.help || name === undefined ? 'help' : (name as Command);
  if (command !== 'help') {
    const allowed = [...COMMON, ...ALLOWED[command]];
    for (const flag of Object.keys(values)) {
      if (!allowed.includes(flag)) throw new UsageError(`latch ${command} takes no --${flag}`);
    }
  }
  if (values.device && values.browser) {
    throw new UsageError('choose one of --device and --browser');
  }
  if (values.device && (values['no-browser'] || values.port !== undefined)) {
    const flag = values['no-browser'] ? '--no-browser' : '--port';
    throw new UsageError(`${flag} belongs to the browser login: drop it or drop --device`);
  }
  return {
    command,
    json: values.json === true,
    verbose: values.verbose === true,
    method: values.device ? 'device' : values.browser ? 'browser' : 'auto',
    noBrowser: values['no-browser'] === true,
    port: values.port === undefined ? undefined : parsePort(values.port),
    profile: values.profile,
    issuer: values.issuer,
    clientId: values['client-id'],
    scope: values.scope,
    resource: values.resource,
    audience: values.audience,
    unattended: values.unattended === true,
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  }
  return port;
}

/** `latch --help`. */
export const USAGE = `Usage: latch <command> [flags]

Log in to an OAuth 2.0 issuer from the command line and hand out tokens.

Commands:
  login     log in: the browser when one is likely to work, else a device code
              [--device | --browser] [--no-browser] [--port N]
              [--profile P] [--issuer URL] [--client-id ID] [--scope S]
  status    who is logged in, until when, and where the tokens are kept
  token     print a usable access token on stdout: $(latch token)
              [--resource URL] [--audience A]
  logout    revoke the refresh token, then delete the stored tokens from every store
  profiles  list the profiles and the default one

Login flags:
  --device       use a device code (RFC 8628): open a URL anywhere, enter a short code
  --browser      use the browser (authorization code + PKCE, loopback redirect, RFC 8252);
                 when no browser opens here, the URL is printed and the address the
                 browser ends on can be pasted back
  --no-browser   do not launch a browser: print the URL, accept the redirect or a paste
  --port N       the loopback port of the browser login (default 0: any free port)
  --scope S      the scope to ask for (default: openid profile email offline_access api:read)
  Without --device or --browser: the browser, falling back to a device code when no browser
  is likely (SSH, CI, no display), the issuer has no authorization endpoint, or the port
  cannot be bound.

Other flags (--json, --verbose and --help work with every command):
  --json         machine-readable output on stdout (events and errors as JSON lines on stderr)
  --verbose      more progress on stderr (never a secret)
  --profile P    the profile (default: LATCH_PROFILE, the config file's default, or "default")
  --issuer URL   the issuer (default: LATCH_ISSUER, then the profile's)
  --client-id ID the client id (default: LATCH_CLIENT_ID, then the profile's, then latch-cli)
  --help         this text

Configuration: flags > LATCH_ISSUER, LATCH_CLIENT_ID, LATCH_PROFILE >
$XDG_CONFIG_HOME/latch/config.json > none (run \`pnpm demo\` to try the embedded issuer).
Token storage: LATCH_TOKEN_STORE=auto|keyring|file|memory (default auto: the OS keychain,
else an encrypted file, with a warning). BROWSER=cmd opens URLs with cmd (none: never).
NO_COLOR=1 turns colour off.

Exit codes: 0 ok, 1 error, 2 usage, 3 not logged in or login needed again, 130 cancelled.
`;
