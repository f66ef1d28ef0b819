// Bundles the compiled CLI (dist/cli.js) into one CommonJS file, dist/bin/latch.cjs: node then
// reads and compiles one file instead of resolving and linking about 150 ES modules, and skips
// its ES module loader. Commands import what only they need (login's browser, device flow, QR
// code and spinner; the HTTP client) dynamically; the bundle keeps those parts uninitialised
// until a command asks for them.
//
// Kept external (dependencies of this package, loaded from node_modules when needed): the
// keyring's native addon; `open`, which finds its own xdg-open script next to its files; and
// undici, large and needed only when a command goes to the network.
import { chmod, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url).pathname;

await rm(`${dist}bin`, { recursive: true, force: true }); // nothing of an earlier build lingers
const result = await build({
  entryPoints: [`${dist}cli.js`],
  outfile: `${dist}bin/latch-main.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  external: ['@napi-rs/keyring', 'open', 'undici'],
  // ES modules bundled into CommonJS: import.meta.url becomes the bundle's own file URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: [new URL('import-meta-url.mjs', import.meta.url).pathname],
  metafile: true,
  logLevel: 'warning',
});

// Which sources went into the bundle, for whoever wants to check what ships.
await writeFile(
  `${dist}bin/meta.json`,
  `${JSON.stringify(Object.keys(result.metafile.inputs), null, 1)}\n`,
);

// The command itself: turns on node's compile cache where there is one (node 22.1 and later:
// later starts reuse the compiled bundle), then runs the bundle.
const launcher = `#!/usr/bin/env node
'use strict';
require('node:module').enableCompileCache?.();
require('./latch-main.cjs');
`;
await writeFile(`${dist}bin/latch.cjs`, launcher);
await chmod(`${dist}bin/latch.cjs`, 0o755);
