import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultLockDir } from './default-lock-dir.js';
import { lockFileName, lockFilePath } from './lock-name.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('lockFileName', () => {
  it('is the SHA-256 of the name in hex, plus .lock', () => {
    expect(lockFileName('refresh')).toBe(`${sha256('refresh')}.lock`);
    expect(lockFileName('refresh')).toMatch(/^[0-9a-f]{64}\.lock$/);
  });

  it('turns any string, traversal included, into one safe file name', () => {
    for (const name of ['../../etc/passwd', '/abs', 'C:\\x', 'a\0b', 'é🔒', '.', ' ']) {
      expect(lockFileName(name)).toMatch(/^[0-9a-f]{64}\.lock$/);
    }
    expect(lockFileName('a')).not.toBe(lockFileName('A'));
  });

  it('throws TypeError for empty, non-string and ill-formed names', () => {
    for (const name of ['', undefined, null, 42, '\ud800x']) {
      expect(() => lockFileName(name as string)).toThrow(TypeError);
    }
  });
});

describe('lockFilePath', () => {
  it('joins the directory and the file name', () => {
    expect(lockFilePath('x', '/tmp/locks')).toBe(`/tmp/locks/${sha256('x')}.lock`);
    expect(lockFilePath('x')).toBe(`${defaultLockDir()}/${sha256('x')}.lock`);
  });

  it('throws TypeError for a relative directory', () => {
    expect(() => lockFilePath('x', 'locks')).toThrow(TypeError);
  });
});
