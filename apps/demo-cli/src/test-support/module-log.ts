import { readFile } from 'node:fs/promises';

// A module loader hook that appends every loaded module's URL to $LATCH_TEST_MODULE_LOG.
// It runs on node's hooks thread, so it writes synchronously to a file, not to stderr.
const HOOKS =
  "import{appendFileSync}from'node:fs';" +
  'export async function load(url,context,next){' +
  "appendFileSync(process.env.LATCH_TEST_MODULE_LOG,url+'\\n');return next(url,context);}";
const REGISTER = `import{register}from'node:module';register(${JSON.stringify(
  `data:text/javascript,${encodeURIComponent(HOOKS)}`,
)});`;

/** Node arguments that record every module the process loads in `LATCH_TEST_MODULE_LOG`. */
export const RECORD_MODULES = ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`];

/** The module URLs a process recorded. */
export async function loadedModules(logFile: string): Promise<string[]> {
  return (await readFile(logFile, 'utf8')).split('\n').filter((line) => line !== '');
}
