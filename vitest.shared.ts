import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/** One resolve alias: an exact specifier and the file it stands for. */
interface Alias {
  readonly find: RegExp;
  readonly replacement: string;
}

/**
 * Maps every workspace package — and each of its subpath exports, `./redis` → `src/redis.ts` —
 * to its TypeScript sources, so tests never run stale builds.
 */
function workspaceAliases(): Alias[] {
  const aliases: Alias[] = [];
  for (const group of ['packages', 'tools', 'apps']) {
    for (const dir of readdirSync(join(root, group))) {
      const manifest = join(root, group, dir, 'package.json');
      let parsed: { name: string; exports?: Record<string, unknown> };
      try {
        parsed = JSON.parse(readFileSync(manifest, 'utf8'));
      } catch {
        continue;
      }
      const src = join(root, group, dir, 'src');
      for (const subpath of Object.keys(parsed.exports ?? {})) {
        if (subpath === '.' || !/^\.\/[\w-]+$/.test(subpath)) continue;
        const name = subpath.slice(2);
        aliases.push({
          find: exactly(`${parsed.name}/${name}`),
          replacement: join(src, `${name}.ts`),
        });
      }
      aliases.push({ find: exactly(parsed.name), replacement: join(src, 'index.ts') });
    }
  }
  return aliases;
}

function exactly(specifier: string): RegExp {
  return new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
}

/** The vitest configuration every workspace package uses. */
export function latchVitestConfig(configUrl: string): ViteUserConfig {
  const dir = dirname(fileURLToPath(configUrl));
  return defineConfig({
    root: dir,
    resolve: { alias: workspaceAliases() },
    test: {
      include: ['src/**/*.test.ts', 'examples/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: join(dir, '.reports', 'vitest.json') },
      testTimeout: 20_000,
      hookTimeout: 20_000,
      // Two cores: forked workers keep real servers and child processes apart.
      pool: 'forks',
    },
  });
}
