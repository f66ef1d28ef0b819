import { createHash, randomBytes } from 'node:crypto';
import { challenge, generateVerifier } from '@latch/pkce';
import type { BenchSuite } from './suite.js';

/** PKCE generation against a bare `randomBytes` + SHA-256. */
export const pkceSuite: BenchSuite = {
  name: 'pkce: verifier + S256 challenge',
  baseline: {
    name: 'randomBytes(32) + sha256, base64url',
    fn: () => {
      const verifier = randomBytes(32).toString('base64url');
      return createHash('sha256').update(verifier).digest('base64url');
    },
  },
  subjects: [
    {
      name: 'generateVerifier() + challenge()',
      // Validation of the verifier is the only extra work; it must stay cheap.
      maxRatio: 1.5,
      fn: () => challenge(generateVerifier()),
    },
  ],
};
