import { type CliArgs, parseCliArgs, USAGE } from './args.js';
import { type Env, readConfigFile, resolveConfig } from './config.js';
import type { CliContext, CliHooks } from './context.js';
import { EXIT, UsageError } from './exit-codes.js';
import { Output, type Writable } from './output.js';
import { standardStream } from './standard-streams.js';

/** What `runCli` runs with: the process's by default, injectable for the demo and tests. */
export interface RunCliOptions {
  /** The environment. Default: `process.env`. */
  readonly env?: Env | undefined;
  /** Where data goes. Default: `process.stdout`. */
  readonly stdout?: Writable | undefined;
  /** Where progress goes. Default: `process.stderr`. */
  readonly stderr?: Writable | undefined;
  /** Where a pasted redirect URL is read from (`latch login`). Default: `process.stdin`. */
  readonly stdin?: NodeJS.ReadableStream | undefined;
  /** Cancels the command. Default: none. */
  readonly signal?: AbortSignal | undefined;
  /** Host hooks (the demo's scripted user). Default: none. */
  readonly hooks?: CliHooks | undefined;
}

/** The exit code of Ctrl-C (128 + SIGINT). */
export const EXIT_CANCELLED = 130;

/**
 * Runs one `latch` command line and returns its exit code; never throws.
 * @param argv - The arguments after `node cli.js`.
 * @param options - Environment, streams, signal, hooks.
 */
export async function runCli(
  argv: readonly string[],
  options: RunCliOptions = {},
): Promise<number> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? standardStream(1);
  const stderr = options.stderr ?? standardStream(2);
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    const out = new Output(stdout, stderr, env, { json: argv.includes('--json'), verbose: false });
    out.error(`${(err as Error).message}. Run \`latch --help\` for usage.`, 'usage');
    return EXIT.usage;
  }
  const out = new Output(stdout, stderr, env, args);
  if (args.command === 'help') {
    stdout.write(USAGE);
    return EXIT.ok;
  }
  const signal = options.signal ?? new AbortController().signal;
  // The command's modules load while the config file is read (start-up time is `latch token`'s cost).
  const command = loadCommand(args.command);
  try {
    const file = await readConfigFile(env);
    const config = resolveConfig(args, env, file);
    out.debug(`profile ${config.profile} (${config.sources.profile})`);
    out.debug(`issuer ${config.issuer ?? '(none)'} (${config.sources.issuer})`);
    const ctx: CliContext = {
      args,
      env,
      config,
      file,
      out,
      signal,
      stderr,
      // Only `latch login` reads stdin; touching process.stdin builds the stream (and loads
      // node's file streams when stdin is a file).
      get stdin() {
        return options.stdin ?? process.stdin;
      },
      hooks: options.hooks ?? {},
    };
    return await (await command)(ctx);
  } catch (err) {
    return report(out, err, signal);
  }
}

/** A command's entry point. */
type CommandRun = (ctx: CliContext) => Promise<number>;

function loadCommand(command: CliArgs['command']): Promise<CommandRun> {
  // One module per command, loaded on demand: `latch token` loads no login code.
  let loading: Promise<CommandRun>;
  switch (command) {
    case 'login':
      loading = import('./commands/login.js').then((m) => m.login);
      break;
    case 'status':
      loading = import('./commands/status.js').then((m) => m.status);
      break;
    case 'token':
      loading = import('./commands/token.js').then((m) => m.token);
      break;
    case 'logout':
      loading = import('./commands/logout.js').then((m) => m.logout);
      break;
    case 'profiles':
      loading = import('./commands/profiles.js').then((m) => m.profiles);
      break;
    default:
      loading = Promise.reject(new UsageError(`unknown command "${command}"`));
  }
  // Awaited after the config is read; until then a failure must not count as unhandled.
  loading.catch(() => {});
  return loading;
}

function report(out: Output, err: unknown, signal: AbortSignal): number {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError) {
    out.error(message, 'usage');
    return EXIT.usage;
  }
  if (signal.aborted) {
    if (out.json) out.error('cancelled', 'cancelled');
    else out.progress('cancelled');
    return EXIT_CANCELLED;
  }
  if (code === 'not_logged_in' || code === 'reauth_required') {
    out.error(`${message} Run \`latch login\` to log in again.`, code);
    return EXIT.notLoggedIn;
  }
  out.error(message, code ?? 'error');
  if (out.verbose && err instanceof Error && err.cause instanceof Error) {
    out.debug(`cause: ${err.cause.message}`);
  }
  return EXIT.error;
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
