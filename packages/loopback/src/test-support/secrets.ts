import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Fails when any rendering of `error` contains one of `secrets`. */
export function expectNoSecrets(error: unknown, secrets: readonly string[]): void {
  const renderings = [
    String(error),
    (error as Error).message,
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    (error as Error).stack ?? '',
  ];
  for (const text of renderings) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

/** Runs `action` and returns what it rejected with, failing if it resolved. */
export async function rejectionOf(action: Promise<unknown> | (() => Promise<unknown>)) {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
