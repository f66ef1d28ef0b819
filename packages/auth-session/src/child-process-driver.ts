import type { AuthDriver, DriverContext, DriverFactory } from './driver.js';
import { type LoginCommand, startLoginCommand } from './login-command.js';
import { cleanOutputLine } from './output-line.js';
import {
  checkPatterns,
  GENERIC_PATTERNS,
  matchOutputLine,
  type ProviderPatterns,
} from './output-patterns.js';
import { redactSecrets } from './redact-secrets.js';
import { systemSleep } from './system.js';

/** The default time a login command's process group has between SIGTERM and SIGKILL: 2 000 ms. */
export const DEFAULT_KILL_GRACE_MS = 2_000;

/**
 * What {@link ChildProcessDriverOptions.confirm} is asked with, once the login command exited
 * with status 0.
 */
export interface ConfirmLoginContext {
  /** The session id. */
  readonly sessionId: string;
  /** The provider id. */
  readonly providerId: string;
  /** The bundle the caller asked to log in into, if any. */
  readonly intoBundleId?: string | undefined;
  /** The account a "logged in as …" line named, if any: a hint, not a proof. */
  readonly account?: string | undefined;
  /** Aborts when the session ends (cancel, timeout) while confirming. */
  readonly signal: AbortSignal;
}

/** A confirmed login: where its credentials went. */
export interface ConfirmedLogin {
  /** The bundle id the session's `success` status reports. */
  readonly bundleId: string;
  /** The account's e-mail, overriding what the output said. Default: the output's. */
  readonly email?: string | undefined;
}

/**
 * Options of {@link childProcessDriver}.
 */
export interface ChildProcessDriverOptions {
  /**
   * The login command as an argument vector (`[executable, ...args]`, run without a shell), or
   * a function of the session that returns one. Required.
   */
  readonly command:
    | readonly string[]
    | ((
        context: Pick<DriverContext, 'sessionId' | 'providerId' | 'intoBundleId'>,
      ) => readonly string[]);
  /** How to read the command's output. Default: {@link GENERIC_PATTERNS}. */
  readonly patterns?: ProviderPatterns | undefined;
  /**
   * Confirms the login after the command exited with status 0 — for instance by running the
   * CLI's auth-check command — and stores its credentials: returns where they went, or
   * `undefined` when the login did not happen (the session fails `login not confirmed`). A
   * "logged in as …" line alone never means success. Required.
   */
  readonly confirm: (context: ConfirmLoginContext) => Promise<ConfirmedLogin | undefined>;
  /** The working directory. Default: this process's. */
  readonly cwd?: string | undefined;
  /** The environment. Default: this process's. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Time between SIGTERM and SIGKILL when stopping, in ms. Default: 2 000. */
  readonly killGraceMs?: number | undefined;
  /** Waits `ms` unless `signal` aborts (times the kill grace). Default: core's `sleep`. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * A driver that runs a login command as a child process (a provider's own CLI, e.g.
 * `gh auth login`) and reads its stdout and stderr line by line through the provider's output
 * patterns: the first authorization URL → `url-available`, the first user code →
 * `code-emitted`, "logged in as …" → the account, failure lines → the error shown if it fails.
 * A pasted callback URL is written to its stdin.
 *
 * The command runs in its own process group (POSIX): when the session ends — cancel, timeout,
 * or the command's own exit — the whole group gets SIGTERM, then SIGKILL after `killGraceMs`,
 * so no process is left behind. On exit status 0 `confirm` decides; any other status fails the
 * session with the last failure line (redacted) or the status.
 *
 * @param options - The command, patterns, confirmation and process settings.
 * @returns The driver factory, for the manager's `providers` registry.
 * @throws TypeError for a bad command, patterns or hook.
 * @example
 * ```ts
 * const github = childProcessDriver({
 *   command: ['gh', 'auth', 'login', '--web', '--hostname', 'github.com'],
 *   patterns: { userCode: [/one-time code: (?<code>\S+)/], verificationUrl: 'https://github.com/login/device' },
 *   confirm: async () => ((await ghAuthStatusOk()) ? { bundleId: await saveGhToken() } : undefined),
 * });
 * ```
 */
export function childProcessDriver(options: ChildProcessDriverOptions): DriverFactory {
  if (typeof options?.command !== 'function') checkArgv(options?.command);
  if (typeof options.confirm !== 'function') {
    throw new TypeError('childProcessDriver: options.confirm must be a function');
  }
  const patterns = options.patterns ?? GENERIC_PATTERNS;
  checkPatterns(patterns, 'childProcessDriver');
  const killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  if (!Number.isSafeInteger(killGraceMs) || killGraceMs < 0) {
    throw new TypeError('childProcessDriver: options.killGraceMs must be an integer >= 0');
  }
  const sleep = options.sleep ?? systemSleep;
  return (context) => {
    const argv = typeof options.command === 'function' ? options.command(context) : options.command;
    checkArgv(argv);
    return runCommand(context, { ...options, argv, patterns, killGraceMs, sleep });
  };
}

interface Resolved extends ChildProcessDriverOptions {
  readonly argv: readonly string[];
  readonly patterns: ProviderPatterns;
  readonly killGraceMs: number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function runCommand(context: DriverContext, options: Resolved): AuthDriver {
  const { report, signal } = context;
  let account: string | undefined;
  let failure: string | undefined;
  let pending = Promise.resolve();
  const onLine = (raw: string): void => {
    const line = cleanOutputLine(raw);
    if (line === '') return;
    const match = matchOutputLine(line, options.patterns);
    if (match?.kind === 'logged-in' && match.account !== undefined) account ??= match.account;
    if (match?.kind === 'failure')
      failure = redactSecrets(match.message).slice(0, 200) || undefined;
    pending = pending.then(async () => {
      await report.line(line);
      if (match?.kind === 'auth-url') await report.authUrl(match.authUrl);
      if (match?.kind === 'user-code') {
        const { userCode, verificationUrl } = match;
        await report.userCode({ userCode, verificationUrl });
      }
      if (match?.kind === 'logged-in' && match.account !== undefined)
        await report.account(match.account);
    });
  };
  const command: LoginCommand = startLoginCommand({
    argv: options.argv,
    cwd: options.cwd,
    env: options.env,
    killGraceMs: options.killGraceMs,
    sleep: options.sleep,
    onLine,
  });
  const stop = (): void => void command.stopGroup();
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();
  const done = (async () => {
    const exit = await command.exited;
    await command.stopGroup(); // take down anything it left running, and read its last lines
    await pending;
    signal.removeEventListener('abort', stop);
    if (signal.aborted) return;
    if (exit.spawnError !== undefined) {
      await report.fail('could not start the login command');
    } else if (exit.code !== 0) {
      const status =
        exit.code === null ? `killed by ${exit.signal}` : `exited with status ${exit.code}`;
      await report.fail(failure ?? `login command ${status}`);
    } else {
      await confirmLogin(context, options, account);
    }
  })();
  return {
    done,
    submitCallbackUrl: (url) => !signal.aborted && command.writeLine(url.replace(/[\r\n]+/g, '')),
  };
}

async function confirmLogin(
  context: DriverContext,
  options: Resolved,
  account: string | undefined,
): Promise<void> {
  let confirmed: ConfirmedLogin | undefined;
  try {
    confirmed = await options.confirm({
      sessionId: context.sessionId,
      providerId: context.providerId,
      intoBundleId: context.intoBundleId,
      account,
      signal: context.signal,
    });
  } catch {
    await context.report.fail('could not confirm the login');
    return;
  }
  if (typeof confirmed?.bundleId !== 'string' || confirmed.bundleId === '') {
    await context.report.fail('login not confirmed');
    return;
  }
  await context.report.succeed(confirmed.bundleId, { email: confirmed.email });
}

function checkArgv(argv: unknown): asserts argv is readonly string[] {
  if (
    !Array.isArray(argv) ||
    argv.length === 0 ||
    !argv.every((arg) => typeof arg === 'string') ||
    argv[0] === ''
  ) {
    throw new TypeError('childProcessDriver: the command must be a non-empty array of strings');
  }
}
