// Packs every published package (packages/*) as it would go to the registry and checks the
// tarballs: publint (package.json and files), @arethetypeswrong/cli (types resolve for ESM
// consumers), and a clean install of all tarballs together in which each package is imported.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'latch-pack-'));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

let failures = 0;
const packed = [];
try {
  const only = process.argv.slice(2);
  for (const dir of readdirSync('packages')) {
    if (only.length > 0 && !only.includes(dir)) continue;
    const pkgDir = resolve('packages', dir);
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    const out = run('pnpm', ['pack', '--pack-destination', work, '--json'], pkgDir);
    const tarball = JSON.parse(out).filename;
    packed.push({ name: manifest.name, tarball });
    for (const [label, cmd, args] of [
      ['publint', 'pnpm', ['exec', 'publint', 'run', tarball, '--strict']],
      ['attw', 'pnpm', ['exec', 'attw', tarball, '--profile', 'esm-only', '--format', 'ascii']],
    ]) {
      try {
        run(cmd, args, process.cwd());
        console.log(`ok   ${label} ${manifest.name}`);
      } catch (err) {
        failures++;
        console.error(`FAIL ${label} ${manifest.name}\n${err.stdout ?? ''}`);
      }
    }
  }

  // Install the tarballs side by side, as a user would from the registry, and import each.
  const app = join(work, 'consumer');
  run('mkdir', ['-p', app], work);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packed.map((p) => p.tarball)],
    app,
  );
  for (const { name } of packed) {
    try {
      const keys = run(
        'node',
        [
          '--input-type=module',
          '-e',
          `const m = await import('${name}'); console.log(Object.keys(m).length);`,
        ],
        app,
      );
      if (Number(keys.trim()) === 0) throw new Error('no exports');
      console.log(`ok   import ${name} (${keys.trim()} exports)`);
    } catch (err) {
      failures++;
      console.error(`FAIL import ${name}: ${err.message}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`${failures} package check(s) failed`);
  process.exit(1);
}
