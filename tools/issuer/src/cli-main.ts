import { type Issuer, type IssuerOptions, startIssuer } from './start-issuer.js';

/** What the `issuer` command was asked to do. */
export interface CliArguments {
  /** `--port N`; 0 (any free port) when absent. */
  readonly port: number;
  /** `--help` / `-h`. */
  readonly help: boolean;
}

/** The command's usage text. */
export const USAGE = `Usage: issuer [--port N]

Starts latch's embedded authorization server on http://127.0.0.1:<port>
and runs until interrupted (Ctrl-C).

Options:
  --port N   listen on port N (default 0: any free port)
  -h, --help show this help
`;

/**
 * Parses the command line (`process.argv.slice(2)`).
 *
 * @throws TypeError for an unknown flag or a port that is not 0–65535; the message says what to
 *   type instead.
 * @example
 * ```ts
 * parseCliArguments(['--port', '9000']); // { port: 9000, help: false }
 * ```
 */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  let port = 0;
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--') {
      // `pnpm start -- --port 9000` passes the separator through; it means nothing here.
    } else if (argument === '-h' || argument === '--help') {
      help = true;
    } else if (argument === '--port' || argument.startsWith('--port=')) {
      const value = argument === '--port' ? argv[++index] : argument.slice('--port='.length);
      if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
        throw new TypeError(`--port needs a number from 0 to 65535, e.g. --port 9000\n\n${USAGE}`);
      }
      port = Number(value);
    } else {
      throw new TypeError(`unknown argument "${argument}"\n\n${USAGE}`);
    }
  }
  return { port, help };
}

/**
 * The banner printed once the issuer listens. It shows the demo password on purpose: it is a
 * fixed, public test credential, not a secret.
 */
export function describeIssuer(issuer: Issuer): string {
  return `latch issuer listening
  issuer:    ${issuer.url}
  discovery: ${issuer.url}/.well-known/openid-configuration
  client id: ${issuer.clientId} (public, PKCE S256)
  demo user: ${issuer.demoUser.username} / ${issuer.demoUser.password}
  resources: ${issuer.resources.api}
             ${issuer.resources.data}
Press Ctrl-C to stop.
`;
}

/** What {@link runCli} talks to; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves when the command should stop (SIGINT/SIGTERM for the real command). */
  readonly stopped: Promise<unknown>;
  /** Starts the issuer. Default: {@link startIssuer}. */
  readonly start?: (options: IssuerOptions) => Promise<Issuer>;
}

/**
 * Runs the `issuer` command: starts the issuer, prints {@link describeIssuer}, waits for
 * `io.stopped`, closes it. Resolves the process exit code (0 on a clean stop, 2 on bad usage,
 * 1 when the issuer cannot start).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArguments;
  try {
    args = parseCliArguments(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}`);
    return 2;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  let issuer: Issuer;
  try {
    issuer = await (io.start ?? startIssuer)({ port: args.port });
  } catch (error) {
    io.stderr(
      `could not start the issuer on 127.0.0.1:${args.port}: ${(error as Error).message}\n`,
    );
    return 1;
  }
  io.stdout(describeIssuer(issuer));
  await io.stopped;
  await issuer.close();
  io.stdout('latch issuer stopped\n');
  return 0;
}
