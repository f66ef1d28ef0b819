import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from './processes.js';

/**
 * Fails with a clear message unless the built entry points the child scripts import exist and
 * are newer than their sources (Node 20 cannot run TypeScript).
 */
export function assertBuilt(packages: readonly string[]): void {
  const hint =
    'run `pnpm turbo run build --filter=@latch/auth-session...` first (`pnpm test` does)';
  for (const name of packages) {
    const dir = join(packageDir, '..', name);
    const built = join(dir, 'dist', 'index.js');
    if (!existsSync(built)) throw new Error(`${built} is missing: ${hint}.`);
    if (statSync(join(dir, 'src', 'index.ts')).mtimeMs > statSync(built).mtimeMs) {
      throw new Error(`${built} is older than its source: ${hint}.`);
    }
  }
}
