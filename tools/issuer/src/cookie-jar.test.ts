import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';

const ISSUER = 'http://127.0.0.1:4000';

describe('CookieJar', () => {
  it('sends cookies back by host and path, most specific path first', () => {
    const jar = new CookieJar(() => 0);
    jar.store(`${ISSUER}/auth`, [
      '_interaction=u1; path=/interaction/u1; httponly; samesite=lax',
      '_session=s1; path=/; expires=Wed, 01 Jan 2031 00:00:00 GMT; httponly',
    ]);
    expect(jar.header(`${ISSUER}/interaction/u1`)).toBe('_interaction=u1; _session=s1');
    expect(jar.header(`${ISSUER}/interaction/u10`)).toBe('_session=s1');
    expect(jar.header(`${ISSUER}/token`)).toBe('_session=s1');
    expect(jar.header('http://127.0.0.2:4000/')).toBeUndefined();
  });

  it('replaces by name and path, and drops expired cookies', () => {
    let now = 1_000;
    const jar = new CookieJar(() => now);
    jar.store(`${ISSUER}/`, ['a=1; Path=/', 'b=1; Path=/; Max-Age=1']);
    jar.store(`${ISSUER}/`, ['a=2; Path=/']);
    expect(jar.header(`${ISSUER}/x`)).toBe('a=2; b=1');
    now += 1_000;
    expect(jar.header(`${ISSUER}/x`)).toBe('a=2');
    jar.store(`${ISSUER}/`, ['a=; Path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(jar.header(`${ISSUER}/x`)).toBeUndefined();
  });

  it('uses the default path of the request and keeps Secure cookies off plain http', () => {
    const jar = new CookieJar(() => 0);
    jar.store(`${ISSUER}/device/auth`, ['d=1', 's=1; Secure']);
    expect(jar.header(`${ISSUER}/device/x`)).toBe('d=1');
    expect(jar.header(`${ISSUER}/other`)).toBeUndefined();
    expect(jar.header('https://127.0.0.1:4000/device/x')).toBe('d=1; s=1');
  });
});
