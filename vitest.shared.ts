import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/** Maps every workspace package to its TypeScript sources, so tests never run stale builds. */
function workspaceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const group of ['packages', 'tools', 'apps']) {
    for (const dir of readdirSync(join(root, group))) {
      const manifest = join(root, group, dir, 'package.json');
      let name: string;
      try {
        name = JSON.parse(readFileSync(manifest, 'utf8')).name;
      } catch {
        continue;
      }
      aliases[name] = join(root, group, dir, 'src', 'index.ts');
    }
  }
  return aliases;
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
