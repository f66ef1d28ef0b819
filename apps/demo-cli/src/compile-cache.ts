// A V8 code cache for the bundled `latch` on node < 22.1, which has no module.enableCompileCache:
// the launcher (launcher.ts) compiles the bundle from the cache when there is one, and writes
// one after a run that had none (its bytecode then includes every function that run compiled).
// Anything wrong with the cache only costs the compile it would have saved.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Where the code cache lives: `$XDG_CACHE_HOME/latch/compile-cache`, else
 * `%LOCALAPPDATA%\latch\compile-cache` on Windows, else `~/.cache/latch/compile-cache`.
 */
export function compileCacheDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
  home: () => string,
): string {
  const windows = platform === 'win32' ? env.LOCALAPPDATA : undefined;
  const base = env.XDG_CACHE_HOME || windows || join(home(), '.cache');
  return join(base, 'latch', 'compile-cache');
}

/**
 * The cache file of one bundle build on one node for one command: the bundle's content hash
 * (V8 itself checks only the source's length), node's version, the architecture, and the
 * command — each command's run compiles its own functions, which its cache then holds.
 */
export function compileCacheFile(dir: string, bundleHash: string, command: string): string {
  const word = /^[a-z]{1,16}$/.test(command) ? command : 'other';
  return join(dir, `${buildPrefix(bundleHash)}${word}.bin`);
}

function buildPrefix(bundleHash: string): string {
  return `latch-main-${bundleHash}-${process.version}-${process.arch}-`;
}

/**
 * Runs `main`, a CommonJS file, as this process's program (as `require` would), compiled from
 * the code in `cacheFile` when V8 accepts it.
 */
export function runCached(main: string, cacheFile: string, bundleHash: string): void {
  let source = readFileSync(main, 'utf8');
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: main, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => writeCache(script, cacheFile, bundleHash));
  }
  const compiled = script.runInThisContext() as (...args: unknown[]) => void;
  const module = new Module(main);
  module.filename = main;
  const require = createRequire(main);
  compiled.call(module.exports, module.exports, require, module, main, dirname(main));
}

function writeCache(script: Script, cacheFile: string, bundleHash: string): void {
  try {
    const dir = dirname(cacheFile);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, cacheFile); // atomic: processes starting together each write a whole file
    const current = buildPrefix(bundleHash);
    for (const other of readdirSync(dir)) {
      if (other.startsWith('latch-main-') && !other.startsWith(current)) {
        unlinkSync(join(dir, other)); // an earlier build's, or an earlier node's
      }
    }
  } catch {
    // No cache this time: the next start compiles again.
  }
}
