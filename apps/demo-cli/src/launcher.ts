// The `latch` command as installed (bundled into dist/bin/latch.cjs): runs the CLI bundle,
// dist/bin/latch-main.cjs, with a V8 code cache so a start does not recompile it — node's own
// where there is one (≥ 22.1), else compile-cache.ts's. LATCH_NO_COMPILE_CACHE=1 turns it off.
import Module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { compileCacheDir, compileCacheFile, runCached } from './compile-cache.js';

/** The bundle's content hash, set when the launcher is bundled (scripts/bundle.mjs). */
declare const __LATCH_BUNDLE_HASH__: string | undefined;

const main = join(__dirname, 'latch-main.cjs');
const hash = typeof __LATCH_BUNDLE_HASH__ === 'string' ? __LATCH_BUNDLE_HASH__ : '';
const builtIn = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;
if (process.env.LATCH_NO_COMPILE_CACHE === '1' || hash === '') {
  require(main);
} else if (typeof builtIn === 'function') {
  builtIn();
  require(main);
} else {
  const dir = compileCacheDir(process.env, process.platform, homedir);
  runCached(main, compileCacheFile(dir, hash, process.argv[2] ?? ''), hash);
}
