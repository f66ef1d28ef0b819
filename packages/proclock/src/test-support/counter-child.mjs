// Adds 1 to a counter file `times` times, each read-increment-write under the lock `counter`.
// Usage: node counter-child.mjs <lockDir> <counterFile> <times>
import { readFile, writeFile } from 'node:fs/promises';
import { withLock } from '../../dist/index.js';

const [dir, file, times] = process.argv.slice(2);
for (let i = 0; i < Number(times); i++) {
  await withLock(
    'counter',
    async () => {
      const count = Number(await readFile(file, 'utf8'));
      // Yield between read and write, so that without the lock updates would be lost.
      await new Promise((resolve) => setImmediate(resolve));
      await writeFile(file, String(count + 1));
    },
    { dir },
  );
}
