import { describe, expect, it } from 'vitest';
import { csrfTokenFor, csrfTokenMatches } from './login-cookie.js';
import { passwordMatches } from './tenants.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('the synchronizer token', () => {
  it('is bound to the tenant, the sign-in and the secret', () => {
    const login = { tenant: 'acme', sid: 'AAAAAAAAAAAAAAAAAAAAAA', expiresAt: 0 };
    const token = csrfTokenFor(login, SECRET);
    expect(csrfTokenMatches(login, SECRET, token)).toBe(true);
    expect(csrfTokenMatches({ ...login, tenant: 'globex' }, SECRET, token)).toBe(false);
    expect(csrfTokenMatches({ ...login, sid: 'BAAAAAAAAAAAAAAAAAAAAA' }, SECRET, token)).toBe(
      false,
    );
    expect(csrfTokenMatches(login, `${SECRET}x`, token)).toBe(false);
    expect(csrfTokenMatches(login, SECRET, undefined)).toBe(false);
    expect(csrfTokenMatches(login, SECRET, `${token}x`)).toBe(false);
  });
});

describe('passwordMatches', () => {
  it('matches the tenant’s password only', () => {
    const tenant = { id: 'acme', name: 'Acme', password: 'pw' };
    expect(passwordMatches(tenant, 'pw')).toBe(true);
    expect(passwordMatches(tenant, 'pw ')).toBe(false);
    expect(passwordMatches(tenant, undefined)).toBe(false);
    expect(passwordMatches(undefined, '\u0000no tenant')).toBe(false);
  });
});
