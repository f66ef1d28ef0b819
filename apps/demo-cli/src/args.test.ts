import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';
import { UsageError } from './exit-codes.js';

describe('parseCliArgs', () => {
  it('parses a login with every flag', () => {
    const args = parseCliArgs([
      'login',
      '--device',
      '--profile',
      'work',
      '--issuer',
      'https://login.example.com',
      '--client-id',
      'my-cli',
      '--scope',
      'openid',
      '--port',
      '8976',
      '--json',
    ]);
    expect(args).toMatchObject({
      command: 'login',
      method: 'device',
      profile: 'work',
      issuer: 'https://login.example.com',
      clientId: 'my-cli',
      scope: 'openid',
      port: 8976,
      json: true,
    });
  });

  it('treats --help and no command as help', () => {
    expect(parseCliArgs([]).command).toBe('help');
    expect(parseCliArgs(['token', '--help']).command).toBe('help');
  });

  it.each([
    [['frobnicate']],
    [['token', '--device']],
    [['login', '--device', '--browser']],
    [['login', '--port', '70000']],
    [['status', '--nope']],
    [['status', 'extra']],
  ])('rejects %j with a UsageError', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
  });
});
