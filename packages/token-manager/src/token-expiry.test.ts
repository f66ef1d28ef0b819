import { describe, expect, it } from 'vitest';
import { fakeJwt } from './test-support/fixtures.js';
import { learnClockOffset, readClaims, refreshDeadline } from './token-expiry.js';

const T = 1_800_000_000_000; // ms, a whole second
const policy = { skewMs: 30_000, clockOffsetMs: 0 };

describe('refreshDeadline', () => {
  it('is the JWT exp minus the skew, whatever expiresAt says', () => {
    const accessToken = fakeJwt({ iat: T / 1000, exp: T / 1000 + 3600 });
    expect(refreshDeadline({ accessToken, expiresAt: T - 1 }, policy)).toBe(T + 3_570_000);
  });

  it('falls back to expiresAt for an opaque token, or a JWT without exp', () => {
    expect(refreshDeadline({ accessToken: 'opaque', expiresAt: T }, policy)).toBe(T - 30_000);
    const noExp = fakeJwt({ iat: T / 1000 });
    expect(refreshDeadline({ accessToken: noExp, expiresAt: T }, policy)).toBe(T - 30_000);
  });

  it('is never for a token that states no expiry at all', () => {
    expect(refreshDeadline({ accessToken: 'opaque' }, policy)).toBe(Number.POSITIVE_INFINITY);
  });

  it('caps the skew at half the lifetime of a short-lived JWT', () => {
    const accessToken = fakeJwt({ iat: T / 1000, exp: T / 1000 + 10 });
    expect(refreshDeadline({ accessToken }, policy)).toBe(T + 5_000);
    const noIat = fakeJwt({ exp: T / 1000 + 10 });
    expect(refreshDeadline({ accessToken: noIat }, policy)).toBe(T + 10_000 - 30_000);
  });

  it('moves a JWT exp from the server clock to ours by the learned offset', () => {
    const accessToken = fakeJwt({ iat: T / 1000, exp: T / 1000 + 3600 });
    const ahead = { skewMs: 30_000, clockOffsetMs: -3_600_000 }; // our clock is an hour ahead
    expect(refreshDeadline({ accessToken }, ahead)).toBe(T + 7_170_000);
    // expiresAt is on our clock already: no offset applied.
    expect(refreshDeadline({ accessToken: 'opaque', expiresAt: T }, ahead)).toBe(T - 30_000);
  });
});

describe('learnClockOffset', () => {
  const fresh = fakeJwt({ iat: T / 1000, exp: T / 1000 + 3600 });

  it('is 0 when a fresh token looks fresh on our clock', () => {
    expect(learnClockOffset({ accessToken: fresh }, T - 200, T + 100, 30_000)).toBe(0);
    // A clock somewhat behind the server's needs no correction either.
    expect(learnClockOffset({ accessToken: fresh }, T - 600_000, T - 599_000, 30_000)).toBe(0);
  });

  it("is the server's iat minus the send time when a fresh token looks expired on our clock", () => {
    const sentAt = T + 3_700_000; // an hour and some ahead
    expect(learnClockOffset({ accessToken: fresh }, sentAt, sentAt + 50, 30_000)).toBe(T - sentAt);
  });

  it('is 0 for opaque tokens and JWTs without iat', () => {
    expect(learnClockOffset({ accessToken: 'opaque', expiresAt: T }, T + 5e6, T + 5e6, 0)).toBe(0);
    const noIat = fakeJwt({ exp: T / 1000 });
    expect(learnClockOffset({ accessToken: noIat }, T + 5e6, T + 5e6, 0)).toBe(0);
  });
});

describe('readClaims', () => {
  it('reads a JWT and skips what cannot be one', () => {
    expect(readClaims(fakeJwt({ exp: 5 }))).toMatchObject({ exp: 5 });
    for (const token of ['opaque', '.a.b', 'a.b', 'a..']) {
      expect(readClaims(token)).toBeUndefined();
    }
  });
});
