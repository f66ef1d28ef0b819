import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import { latchVitestConfig } from '../../vitest.shared.ts';

const subpath = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default mergeConfig(latchVitestConfig(import.meta.url), {
  resolve: {
    // The shared config maps each package name to its src/index.ts, which would also capture
    // the Redis subpaths; an alias list given here comes first.
    alias: [
      { find: '@latch/oob/redis', replacement: subpath('../../packages/oob/src/redis.ts') },
      {
        find: '@latch/auth-session/redis',
        replacement: subpath('../../packages/auth-session/src/redis.ts'),
      },
    ],
  },
});
