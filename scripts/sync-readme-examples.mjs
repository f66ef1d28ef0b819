// Copies each package's examples/NAME.ts into its README between
// `<!-- example:NAME:start -->` and `<!-- example:NAME:end -->`, so the README shows the
// code its tests run. `--check` only reports drift (exit 1).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const check = process.argv.includes('--check');
let drift = 0;
for (const group of ['packages', 'apps', 'tools']) {
  for (const dir of readdirSync(group)) {
    const pkg = join(group, dir);
    const readmePath = join(pkg, 'README.md');
    if (!existsSync(readmePath) || !existsSync(join(pkg, 'examples'))) continue;
    let readme = readFileSync(readmePath, 'utf8');
    const before = readme;
    for (const file of readdirSync(join(pkg, 'examples'))) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const name = file.slice(0, -3);
      const code = readFileSync(join(pkg, 'examples', file), 'utf8');
      const start = `<!-- example:${name}:start -->\n`;
      const end = `<!-- example:${name}:end -->`;
      const from = readme.indexOf(start);
      const to = readme.indexOf(end, from);
      if (from < 0 || to < 0) continue;
      readme = `${readme.slice(0, from + start.length)}\`\`\`ts\n${code}\`\`\`\n${readme.slice(to)}`;
    }
    if (readme !== before) {
      drift++;
      if (check) console.error(`${readmePath}: example differs from examples/`);
      else writeFileSync(readmePath, readme);
    }
  }
}
if (check && drift) process.exit(1);
