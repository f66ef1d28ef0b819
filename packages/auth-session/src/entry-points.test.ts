import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDir } from './test-support/processes.js';

/** Every module `entry` loads, following relative imports, and the bare specifiers they import. */
function importGraph(entry: string): { modules: Set<string>; bare: Set<string> } {
  const modules = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    const source = readFileSync(join(packageDir, 'src', file), 'utf8');
    for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) {
      if (specifier === undefined) continue;
      if (specifier.startsWith('./')) visit(specifier.slice(2).replace(/\.js$/, '.ts'));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return { modules, bare };
}

describe('entry points', () => {
  it('the main entry never loads the Redis store nor a Redis client', () => {
    const main = importGraph('index.ts');
    expect(main.modules.has('redis-session-store.ts')).toBe(false);
    expect([...main.bare].filter((name) => name.includes('redis'))).toEqual([]);
  });

  it('the ./redis subpath exports the Redis store', async () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest.exports['./redis']).toEqual({
      types: './dist/redis.d.ts',
      default: './dist/redis.js',
    });
    const redis = await import('./redis.js');
    expect(Object.keys(redis)).toEqual(['RedisSessionStore']);
    expect(importGraph('redis.ts').modules.has('redis-session-store.ts')).toBe(true);
  });
});
