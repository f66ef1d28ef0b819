import { describe, expect, it } from 'vitest';
import { parseStoredTokenSet, tokenSetToStore } from './token-set-codec.js';

describe('tokenSetToStore / parseStoredTokenSet', () => {
  it('keeps exactly the fields of a TokenSet', () => {
    const full = {
      accessToken: 'at',
      tokenType: 'N_A',
      expiresAt: 1,
      refreshToken: 'rt',
      scope: 's',
      idToken: 'id',
      issuedTokenType: 'urn:ietf:params:oauth:token-type:jwt',
    };
    expect(tokenSetToStore({ ...full, other: 'x', expiresIn: 3 })).toEqual(full);
    expect(tokenSetToStore({ accessToken: 'at', tokenType: 'Bearer', scope: undefined })).toEqual({
      accessToken: 'at',
      tokenType: 'Bearer',
    });
  });

  it('names the faulty field, never its value', () => {
    const cases: [unknown, string][] = [
      [null, 'not an object'],
      [['x'], 'not an object'],
      [{ tokenType: 'Bearer' }, 'accessToken'],
      [{ accessToken: 'SECRET-1', tokenType: 'bearer' }, 'tokenType'],
      [{ accessToken: 'SECRET-1', tokenType: 'Bearer', expiresAt: Number.NaN }, 'expiresAt'],
      [{ accessToken: 'SECRET-1', tokenType: 'Bearer', refreshToken: 7 }, 'refreshToken'],
    ];
    for (const [value, field] of cases) {
      const parsed = parseStoredTokenSet(value);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.problem).toContain(field);
        expect(parsed.problem).not.toContain('SECRET-1');
      }
      expect(() => tokenSetToStore(value)).toThrow(TypeError);
    }
  });
});
