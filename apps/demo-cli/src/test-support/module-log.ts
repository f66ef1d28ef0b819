import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// What a `latch` process loaded, recorded at its exit: node's built-in modules
// (process.moduleLoadList — the ES module loader among them, which a CommonJS process starts
// only for an import(): the bundle loads undici, open and the keyring addon that way), the
// CommonJS files it required, and whether graceful-fs (the cross-process lock's file system
// layer) patched the process.
const RECORDER = `
const { appendFileSync } = require('node:fs');
const log = process.env.LATCH_TEST_MODULE_LOG;
process.on('exit', () => {
  appendFileSync(log, JSON.stringify({
    builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
    required: Object.keys(require.cache),
    gracefulFs: Symbol.for('graceful-fs.queue') in globalThis,
  }) + '\\n');
});
`;

/** What one process loaded. */
export interface LoadedModules {
  /** node's built-in modules, e.g. `http`, `worker_threads`. */
  readonly builtins: readonly string[];
  /** Files loaded with require(). */
  readonly files: readonly string[];
  /** Whether the process imported anything with import() (it started the ES module loader). */
  readonly imported: boolean;
  /** Whether graceful-fs (the lock's file system layer) was initialised. */
  readonly gracefulFs: boolean;
}

/**
 * Node arguments that record what the process loads in `LATCH_TEST_MODULE_LOG`.
 * @param dir - A directory to write the recorder script into.
 */
export async function recordModules(dir: string): Promise<string[]> {
  const recorder = join(dir, 'record-modules.cjs');
  await writeFile(recorder, RECORDER);
  return ['--require', recorder];
}

/** What the process recorded in `logFile`. */
export async function loadedModules(logFile: string): Promise<LoadedModules> {
  const lines = (await readFile(logFile, 'utf8')).split('\n').filter((line) => line !== '');
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const atExit = entries.find((entry) => 'builtins' in entry) as
    | { builtins: string[]; required: string[]; gracefulFs: boolean }
    | undefined;
  if (atExit === undefined) throw new Error('the process recorded nothing at exit');
  return {
    builtins: atExit.builtins,
    files: atExit.required,
    imported: atExit.builtins.includes('internal/modules/esm/translators'),
    gracefulFs: atExit.gracefulFs,
  };
}
