import { release } from 'node:os';

/**
 * Environment variables as latch reads them: names to values, `undefined` for unset ones.
 * `process.env` is one; tests pass a plain object.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The real process environment. The only place `@latch/loopback` reads `process.env`,
 * `process.platform` or the OS release; everything else takes them through options.
 *
 * @internal
 */
export const systemDefaults = {
  env(): Env {
    return process.env;
  },
  platform(): string {
    return process.platform;
  },
  osRelease(): string {
    return release();
  },
} as const;
