import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import { latchVitestConfig } from '../../vitest.shared.ts';

export default mergeConfig(latchVitestConfig(import.meta.url), {
  resolve: {
    // The shared config maps '@latch/oob' to src/index.ts, which would also capture the
    // subpath; an alias list given here is put before the shared aliases.
    alias: [
      {
        find: '@latch/oob/redis',
        replacement: fileURLToPath(new URL('./src/redis.ts', import.meta.url)),
      },
    ],
  },
  test: {
    // The heap test measures memory after full collections.
    execArgv: ['--expose-gc'],
  },
});
