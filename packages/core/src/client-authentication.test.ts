import { describe, expect, it } from 'vitest';
import { applyClientAuthentication } from './client-authentication.js';

describe('applyClientAuthentication', () => {
  it('puts client_id in the body for a public client', () => {
    const form = new URLSearchParams({ grant_type: 'refresh_token' });
    expect(applyClientAuthentication(form, { clientId: 'latch-cli' })).toEqual({});
    expect(form.get('client_id')).toBe('latch-cli');
  });

  it('uses HTTP Basic with form-encoded parts by default (RFC 6749 §2.3.1)', () => {
    const form = new URLSearchParams({ client_id: 'stale' });
    const headers = applyClientAuthentication(form, {
      clientId: 'my app',
      clientSecret: 'p:ss+/é',
    });
    const encoded = headers.authorization?.replace(/^Basic /, '') ?? '';
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe('my+app:p%3Ass%2B%2F%C3%A9');
    expect(form.has('client_id')).toBe(false);
  });

  it('puts the secret in the body for client_secret_post', () => {
    const form = new URLSearchParams();
    const headers = applyClientAuthentication(form, {
      clientId: 'c',
      clientSecret: 's',
      method: 'client_secret_post',
    });
    expect(headers).toEqual({});
    expect(form.toString()).toBe('client_id=c&client_secret=s');
  });

  it.each([
    [{ clientId: '' }],
    [{ clientId: 'c', clientSecret: '' }],
    [{ clientId: 'c', clientSecret: 's', method: 'private_key_jwt' }],
  ])('throws TypeError for %j', (client) => {
    expect(() =>
      applyClientAuthentication(new URLSearchParams(), client as { clientId: string }),
    ).toThrow(TypeError);
  });
});
