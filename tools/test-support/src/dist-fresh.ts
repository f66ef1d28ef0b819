import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Fails with a clear message unless a package's `dist/` is built and newer than every source
 * file: child-process tests run the built package, since Node 20 cannot run TypeScript.
 *
 * @param packageDir - The package's directory (the one holding `src/` and `dist/`).
 * @param packageName - Its name, for the build command the message suggests.
 */
export function assertDistFresh(packageDir: string, packageName: string): void {
  const hint = `run \`pnpm turbo run build --filter=${packageName}...\` first (\`pnpm test\` does)`;
  const entry = join(packageDir, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: ${hint}.`);
  const src = join(packageDir, 'src');
  for (const file of readdirSync(src)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const built = join(packageDir, 'dist', file.replace(/\.ts$/, '.js'));
    if (!existsSync(built)) throw new Error(`${built} is missing: ${hint}.`);
    if (statSync(join(src, file)).mtimeMs > statSync(built).mtimeMs) {
      throw new Error(`dist/ is older than src/${file}: ${hint}.`);
    }
  }
}
