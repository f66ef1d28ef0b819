// Bundles the compiled CLI (dist/cli.js) into one CommonJS file, dist/bin/latch.cjs: node then
// reads and compiles one file instead of resolving and linking about 150 ES modules, and skips
// its ES module loader. Commands import what only they need (login's browser, device flow, QR
// code and spinner; the HTTP client) dynamically; the bundle keeps those parts uninitialised
// until a command asks for them.
//
// Kept external (dependencies of this package, loaded from node_modules when needed): the
// keyring's native addon; `open`, which finds its own xdg-open script next to its files; and
// undici, large and needed only when a command goes to the network.
import { createHash } from 'node:crypto';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url).pathname;

await rm(`${dist}bin`, { recursive: true, force: true }); // nothing of an earlier build lingers

/** What every bundle of the command is built with. */
const COMMON = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  external: ['@napi-rs/keyring', 'open', 'undici'],
  // import() becomes require() (of a CommonJS module, or of an ES module: node ≥ 20.19), so
  // the bundle runs the same when compiled from a code cache, which keeps no import() hook.
  supported: { 'dynamic-import': false },
  // ES modules bundled into CommonJS: import.meta.url becomes the bundle's own file URL.
  define: { 'import.meta': 'importMeta' },
  inject: [new URL('import-meta-url.mjs', import.meta.url).pathname],
  logLevel: 'warning',
};

// What only `latch login` loads, bundled on its own (dist/bin/login/<name>.cjs) and required
// from the main bundle by that path: a start of any other command never reads or compiles it.
// Each of these bundles carries its own copy of what it uses of @latch/core; latch's errors
// are recognised by a brand, not by class identity, so the copies interoperate.
// (Packages with named exports only: a required bundle's default export would not survive.)
const LOGIN_ONLY = ['@latch/loopback', '@latch/device-grant', 'uqr'];
const fileOf = (specifier) => specifier.replace(/^@latch\//, '');
await build({
  entryPoints: Object.fromEntries(LOGIN_ONLY.map((specifier) => [fileOf(specifier), specifier])),
  outdir: `${dist}bin/login`,
  outExtension: { '.js': '.cjs' },
  ...COMMON,
});
const loginOnly = {
  name: 'login-only',
  setup(plugin) {
    const filter = new RegExp(`^(${LOGIN_ONLY.map((s) => s.replace('/', '\\/')).join('|')})$`);
    plugin.onResolve({ filter }, ({ path }) => ({
      path: `./login/${fileOf(path)}.cjs`,
      external: true,
    }));
  },
};

const result = await build({
  entryPoints: [`${dist}cli.js`],
  outfile: `${dist}bin/latch-main.cjs`,
  ...COMMON,
  plugins: [loginOnly],
  metafile: true,
});

// Which sources went into the bundle, for whoever wants to check what ships.
await writeFile(
  `${dist}bin/meta.json`,
  `${JSON.stringify(Object.keys(result.metafile.inputs), null, 1)}\n`,
);

// The command itself (src/launcher.ts): runs the bundle from a code cache keyed by its hash.
const bundleHash = createHash('sha256')
  .update(await readFile(`${dist}bin/latch-main.cjs`))
  .digest('hex')
  .slice(0, 16);
await build({
  entryPoints: [`${dist}launcher.js`],
  outfile: `${dist}bin/latch.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  minifySyntax: true,
  banner: { js: '#!/usr/bin/env node' },
  define: { __LATCH_BUNDLE_HASH__: JSON.stringify(bundleHash) },
  logLevel: 'warning',
});
await chmod(`${dist}bin/latch.cjs`, 0o755);
