import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as main from './index.js';
import * as redis from './redis.js';

/** Every module the file at `url` imports, transitively (static `import … from '…'` only). */
function importGraph(url: URL, seen = new Set<string>()): Set<string> {
  const source = readFileSync(url, 'utf8');
  for (const [, specifier] of source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)';/gm)) {
    if (!specifier || seen.has(specifier)) continue;
    seen.add(specifier);
    if (specifier.startsWith('.'))
      importGraph(new URL(specifier.replace(/\.js$/, '.ts'), url), seen);
  }
  return seen;
}

describe('entry points', () => {
  it('keep redis out of the main entry', () => {
    const graph = [...importGraph(new URL('./index.ts', import.meta.url))];
    expect(graph.filter((m) => /redis/.test(m))).toEqual([]);
    expect(graph.filter((m) => !m.startsWith('.'))).toEqual(
      expect.arrayContaining(['node:async_hooks', 'node:crypto']),
    );
    expect(graph.filter((m) => !m.startsWith('.') && !m.startsWith('node:'))).toEqual([]);
    expect('RedisStore' in main).toBe(false);
  });

  it('export RedisStore from the redis subpath, which needs no redis import at run time', () => {
    expect(typeof redis.RedisStore).toBe('function');
    const graph = [...importGraph(new URL('./redis.ts', import.meta.url))];
    expect(graph.filter((m) => !m.startsWith('.') && !m.startsWith('node:'))).toEqual([]);
  });
});
