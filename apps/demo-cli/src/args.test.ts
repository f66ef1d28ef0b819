import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from './args.js';
import { UsageError } from './exit-codes.js';

describe('parseCliArgs', () => {
  it('parses a login with every flag', () => {
    const args = parseCliArgs([
      'login',
      '--browser',
      '--no-browser',
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
      method: 'browser',
      noBrowser: true,
      profile: 'work',
      issuer: 'https://login.example.com',
      clientId: 'my-cli',
      scope: 'openid',
      port: 8976,
      json: true,
    });
  });

  it('leaves the login method to the chain without --device or --browser', () => {
    expect(parseCliArgs(['login'])).toMatchObject({ method: 'auto', noBrowser: false });
    expect(parseCliArgs(['login', '--device']).method).toBe('device');
    expect(parseCliArgs(['login', '--port', '0']).port).toBe(0);
  });

  it('documents every login flag in --help', () => {
    for (const flag of ['--device', '--browser', '--no-browser', '--port N', '--scope S']) {
      expect(USAGE).toContain(flag);
    }
  });

  it('treats --help and no command as help', () => {
    expect(parseCliArgs([]).command).toBe('help');
    expect(parseCliArgs(['token', '--help']).command).toBe('help');
  });

  it.each([
    [['frobnicate']],
    [['token', '--device']],
    [['login', '--device', '--browser']],
    [['login', '--device', '--no-browser']],
    [['login', '--device', '--port', '0']],
    [['login', '--port', '-1']],
    [['login', '--port', 'x']],
    [['login', '--port', '70000']],
    [['status', '--nope']],
    [['status', 'extra']],
  ])('rejects %j with a UsageError', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
  });
});
