import { createHash } from 'node:crypto';
import * as pkce from '@latch/pkce';
import { describe, expect, it } from 'vitest';
import { challenge } from './challenge.js';
import { newState } from './state.js';
import { generateVerifier, isValidVerifier } from './verifier.js';

// RFC 7636 Appendix B.
const APPENDIX_B_OCTETS = Uint8Array.from([
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105,
  214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
]);
const APPENDIX_B_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const APPENDIX_B_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('generateVerifier', () => {
  it('encodes the RFC 7636 Appendix B octets as the RFC verifier', () => {
    expect(generateVerifier({ randomBytes: () => APPENDIX_B_OCTETS })).toBe(APPENDIX_B_VERIFIER);
  });

  it('draws exactly 32 bytes', () => {
    const sizes: number[] = [];
    generateVerifier({
      randomBytes: (size) => {
        sizes.push(size);
        return new Uint8Array(size);
      },
    });
    expect(sizes).toEqual([32]);
  });

  it('refuses a short random source instead of padding it', () => {
    expect(() => generateVerifier({ randomBytes: () => new Uint8Array(31) })).toThrow(TypeError);
  });

  it('makes 10^5 verifiers that are all valid, 43 characters and distinct', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const verifier = generateVerifier();
      if (verifier.length !== 43 || !isValidVerifier(verifier)) {
        throw new Error(`invalid verifier at iteration ${i}`);
      }
      seen.add(verifier);
    }
    expect(seen.size).toBe(100_000);
  });
});

describe('isValidVerifier', () => {
  it.each([
    ['a'.repeat(43), true],
    ['a'.repeat(128), true],
    ['A-Z.a_z~09'.padEnd(43, '~'), true],
    ['a'.repeat(42), false],
    ['a'.repeat(129), false],
    [`${'a'.repeat(42)}+`, false],
    [`${'a'.repeat(42)}/`, false],
    [`${'a'.repeat(42)}=`, false],
    [`${'a'.repeat(42)} `, false],
  ])('%s → %s', (verifier, valid) => {
    expect(isValidVerifier(verifier)).toBe(valid);
  });
});

describe('challenge', () => {
  it('matches RFC 7636 Appendix B', () => {
    expect(challenge(APPENDIX_B_VERIFIER)).toBe(APPENDIX_B_CHALLENGE);
  });

  it('is base64url(sha256(verifier)) without padding', () => {
    const verifier = generateVerifier();
    const expected = createHash('sha256').update(verifier).digest('base64url');
    expect(challenge(verifier)).toBe(expected);
    expect(challenge(verifier)).not.toMatch(/[=+/]/);
  });

  it('throws TypeError on an invalid verifier and never echoes it', () => {
    const secret = 'secret-looking-verifier';
    expect(() => challenge(secret)).toThrow(TypeError);
    try {
      challenge(secret);
    } catch (err) {
      expect(String(err)).not.toContain(secret);
    }
    expect(() => challenge(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('newState', () => {
  it('carries at least 128 bits and defaults to 256', () => {
    expect(Buffer.from(newState(), 'base64url').byteLength).toBe(32);
    expect(Buffer.from(newState({ bytes: 16 }), 'base64url').byteLength).toBe(16);
    expect(() => newState({ bytes: 15 })).toThrow(TypeError);
    expect(() => newState({ bytes: 16, randomBytes: () => new Uint8Array(8) })).toThrow(TypeError);
  });

  it('is distinct across 10^4 draws and URL-safe', () => {
    const states = new Set(Array.from({ length: 10_000 }, () => newState()));
    expect(states.size).toBe(10_000);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the package', () => {
  it('only ever offers S256', () => {
    expect(pkce.CODE_CHALLENGE_METHOD).toBe('S256');
    expect(Object.values(pkce)).not.toContain('plain');
    expect(Object.keys(pkce).sort()).toEqual([
      'CODE_CHALLENGE_METHOD',
      'MAX_VERIFIER_LENGTH',
      'MIN_VERIFIER_LENGTH',
      'challenge',
      'generateVerifier',
      'isValidVerifier',
      'newState',
    ]);
  });
});
