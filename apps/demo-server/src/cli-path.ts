import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `latch` CLI of this repository: the `bin.latch` entry of `apps/demo-cli/package.json`
 * (so a change of its build layout needs no change here), else `apps/demo-cli/dist/bin/latch.cjs`.
 *
 * @returns The absolute path of the CLI's entry script.
 */
export function defaultCliPath(): string {
  const manifest = fileURLToPath(new URL('../../demo-cli/package.json', import.meta.url));
  try {
    const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: { latch?: unknown } }).bin;
    if (typeof bin?.latch === 'string') return join(dirname(manifest), bin.latch);
  } catch {
    // fall through to the conventional path
  }
  return join(dirname(manifest), 'dist', 'bin', 'latch.cjs');
}
