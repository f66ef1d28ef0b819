// Holds a lock until killed. Prints "locked" once it holds it.
// Usage: node holder-child.mjs <lockDir> <name> <staleMs>
import { acquire } from '../../dist/index.js';

const [dir, name, staleMs] = process.argv.slice(2);
await acquire(name, { dir, staleMs: Number(staleMs) });
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
