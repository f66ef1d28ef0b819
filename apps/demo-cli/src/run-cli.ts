import { type CliArgs, parseCliArgs, USAGE } from './args.js';
import { type Env, readConfigFile, resolveConfig } from './config.js';
import type { CliContext, CliHooks } from './context.js';
import { EXIT, UsageError } from './exit-codes.js';
import { Output, type Writable } from './output.js';

/** What `runCli` runs with: the process's by default, injectable for the demo and tests. */
export interface RunCliOptions {
  /** The environment. Default: `process.env`. */
  readonly env?: Env | undefined;
  /** Where data goes. Default: `process.stdout`. */
  readonly stdout?: Writable | undefined;
  /** Where progress goes. Default: `process.stderr`. */
  readonly stderr?: Writable | undefined;
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
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
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
  try {
    const file = await readConfigFile(env);
    const config = resolveConfig(args, env, file);
    out.debug(`profile ${config.profile} (${config.sources.profile})`);
    out.debug(`issuer ${config.issuer ?? '(none)'} (${config.sources.issuer})`);
    const ctx: CliContext = { args, env, config, file, out, signal, hooks: options.hooks ?? {} };
    return await dispatch(ctx);
  } catch (err) {
    return report(out, err, signal);
  }
}

async function dispatch(ctx: CliContext): Promise<number> {
  // One module per command, loaded on demand: `latch token` loads no device-flow code.
  switch (ctx.args.command) {
    case 'login':
      return (await import('./commands/login.js')).login(ctx);
    case 'status':
      return (await import('./commands/status.js')).status(ctx);
    case 'token':
      return (await import('./commands/token.js')).token(ctx);
    case 'logout':
      return (await import('./commands/logout.js')).logout(ctx);
    case 'profiles':
      return (await import('./commands/profiles.js')).profiles(ctx);
    default:
      throw new UsageError(`unknown command "${ctx.args.command}"`);
  }
}

function report(out: Output, err: unknown, signal: AbortSignal): number {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError) {
    out.error(message, 'usage');
    return EXIT.usage;
  }
  if (signal.aborted) {
    out.error('cancelled', 'cancelled');
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
