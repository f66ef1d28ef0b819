import { describe, expect, it } from 'vitest';
import { cleanOutputLine, MAX_LINE_LENGTH } from './output-line.js';
import {
  checkPatterns,
  GENERIC_PATTERNS,
  matchOutputLine,
  type ProviderPatterns,
} from './output-patterns.js';

describe('matchOutputLine with GENERIC_PATTERNS', () => {
  it.each([
    [
      'Open this URL: https://login.example.com/oauth/authorize?client_id=x&state=y.',
      {
        kind: 'auth-url',
        authUrl: 'https://login.example.com/oauth/authorize?client_id=x&state=y',
      },
    ],
    [
      'To sign in, open http://127.0.0.1:4000/device and enter the code BCDF-GHJK',
      { kind: 'user-code', userCode: 'BCDF-GHJK', verificationUrl: 'http://127.0.0.1:4000/device' },
    ],
    [
      'Successfully logged in as ada@example.com',
      { kind: 'logged-in', account: 'ada@example.com' },
    ],
    ['✓ Logged in to github.com as octocat (keyring)', { kind: 'logged-in', account: 'octocat' }],
    [
      'error: the client is not registered',
      { kind: 'failure', message: 'the client is not registered' },
    ],
    ['Authentication failed: access_denied', { kind: 'failure', message: 'access_denied' }],
  ])('reads %s', (line, expected) => {
    expect(matchOutputLine(line, GENERIC_PATTERNS)).toEqual(expected);
  });

  it('ignores ordinary lines, and code lines with no verification URL to pair', () => {
    expect(matchOutputLine('Waiting for the browser…', GENERIC_PATTERNS)).toBeUndefined();
    expect(
      matchOutputLine('See https://example.com/docs for help', GENERIC_PATTERNS),
    ).toBeUndefined();
    expect(matchOutputLine('Your one-time code: ABCD-1234', GENERIC_PATTERNS)).toBeUndefined();
  });
});

describe('provider patterns', () => {
  const github: ProviderPatterns = {
    userCode: [/one-time code: (?<code>[A-Z0-9]{4}-[A-Z0-9]{4})/],
    verificationUrl: 'https://github.com/login/device',
    loggedIn: [/Logged in as (?<account>\S+)/],
  };

  it('pairs a code with the fixed verification URL', () => {
    expect(matchOutputLine('! First copy your one-time code: ABCD-1234', github)).toEqual({
      kind: 'user-code',
      userCode: 'ABCD-1234',
      verificationUrl: 'https://github.com/login/device',
    });
  });

  it('refuses global or sticky expressions and non-arrays', () => {
    expect(() => checkPatterns({ authUrl: [/x/g] }, 't')).toThrow(TypeError);
    expect(() => checkPatterns({ failure: [/x/y] }, 't')).toThrow(TypeError);
    expect(() => checkPatterns({ loggedIn: /x/ as never }, 't')).toThrow(TypeError);
    expect(() => checkPatterns({ verificationUrl: 1 as never }, 't')).toThrow(TypeError);
    expect(() => checkPatterns(github, 't')).not.toThrow();
  });
});

describe('cleanOutputLine', () => {
  it('drops terminal escapes and control characters, and cuts long lines', () => {
    expect(cleanOutputLine('\u001b[32m✓\u001b[0m Logged in as ada\r')).toBe('✓ Logged in as ada');
    expect(cleanOutputLine('\u001b]8;;https://x.example\u0007link\u001b]8;;\u0007 text')).toBe(
      'link text',
    );
    expect(cleanOutputLine('x'.repeat(MAX_LINE_LENGTH + 50))).toHaveLength(MAX_LINE_LENGTH);
  });
});
