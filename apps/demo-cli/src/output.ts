import type { Env } from './config.js';

/** A stream `latch` writes to. */
export interface Writable {
  /** Writes text. */
  write(text: string): unknown;
  /** Whether it is a terminal. */
  readonly isTTY?: boolean | undefined;
  /** The terminal's width in columns, when it is one. */
  readonly columns?: number | undefined;
  /** The terminal's height in rows, when it is one. */
  readonly rows?: number | undefined;
}

/**
 * Where `latch` writes: data on stdout (plain text or one JSON document with `--json`),
 * progress, warnings and prompts on stderr. Colour only on a terminal without `NO_COLOR`.
 */
export class Output {
  readonly #stdout: Writable;
  readonly #stderr: Writable;
  readonly #colorAllowed: boolean;
  #color: boolean | undefined;
  /** `--json`. */
  readonly json: boolean;
  /** `--verbose`. */
  readonly verbose: boolean;

  constructor(
    stdout: Writable,
    stderr: Writable,
    env: Env,
    flags: { readonly json: boolean; readonly verbose: boolean },
  ) {
    this.#stdout = stdout;
    this.#stderr = stderr;
    // Whether stderr is a terminal is asked when something is first painted: a command that
    // prints only data (`latch token`) never builds node's stderr stream.
    this.#colorAllowed = (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb' && !flags.json;
    this.json = flags.json;
    this.verbose = flags.verbose;
  }

  /** Whether progress may be coloured: stderr is a terminal, `NO_COLOR` unset, no `--json`. */
  get color(): boolean {
    this.#color ??= this.#colorAllowed && this.#stderr.isTTY === true;
    return this.#color;
  }

  /** Whether stderr is an interactive terminal. */
  get interactive(): boolean {
    return this.#stderr.isTTY === true;
  }

  /** A progress line on stderr. */
  progress(line: string): void {
    this.#stderr.write(`${line}\n`);
  }

  /** A progress line on stderr, only with `--verbose`. Never pass a secret. */
  debug(line: string): void {
    if (this.verbose) this.#stderr.write(`${this.#paint('2', `· ${line}`)}\n`);
  }

  /** A warning on stderr. */
  warn(line: string): void {
    this.#stderr.write(`${this.#paint('33', 'warning:')} ${line}\n`);
  }

  /** An error on stderr (with `--json`, also as a JSON line on stderr). */
  error(message: string, code: string): void {
    if (this.json) this.#stderr.write(`${JSON.stringify({ event: 'error', code, message })}\n`);
    else this.#stderr.write(`${this.#paint('31', 'error:')} ${message}\n`);
  }

  /** A machine-readable event on stderr (with `--json` only), e.g. the device code. */
  event(value: Record<string, unknown>): void {
    if (this.json) this.#stderr.write(`${JSON.stringify(value)}\n`);
  }

  /** Emphasised text (bold on a colour terminal). */
  strong(text: string): string {
    return this.#paint('1', text);
  }

  /** Text that must stand out, like the user code (bold, reversed on a colour terminal). */
  highlight(text: string): string {
    return this.#paint('1;7', text);
  }

  /**
   * The command's result on stdout: `value` as JSON with `--json`, else the `text` lines.
   * @param value - The machine-readable result.
   * @param text - The human-readable lines.
   */
  result(value: unknown, text: readonly string[]): void {
    if (this.json) this.#stdout.write(`${JSON.stringify(value)}\n`);
    else if (text.length > 0) this.#stdout.write(`${text.join('\n')}\n`);
  }

  #paint(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }
}
