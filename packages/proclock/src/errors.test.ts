import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  LockAbortedError,
  LockCompromisedError,
  type LockError,
  LockFileError,
  LockTimeoutError,
  ProclockError,
} from './errors.js';

const brand = Symbol.for('latch.error');
const lock = { lockName: 'refresh:https://login.example.com', lockPath: '/tmp/locks/ab.lock' };

/** @latch/core's LatchError.isInstance, verbatim in behaviour (proclock cannot import core). */
function coreIsInstance(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

const samples: readonly LockError[] = [
  new LockTimeoutError({ ...lock, timeoutMs: 30_000 }),
  new LockAbortedError(lock),
  new LockCompromisedError(lock),
  new LockFileError({ ...lock, dir: '/tmp/locks', operation: 'acquire' }),
];

describe('proclock errors', () => {
  it('carry the latch brand, non-enumerable, so core recognises them', () => {
    for (const error of samples) {
      expect(coreIsInstance(error)).toBe(true);
      expect(Object.getOwnPropertyDescriptor(error, brand)).toMatchObject({
        value: true,
        enumerable: false,
        writable: false,
      });
      expect(Object.keys(error)).not.toContain(brand.toString());
    }
  });

  it('give each class its own literal code, name and isInstance', () => {
    expect(new Set(samples.map((e) => e.code)).size).toBe(samples.length);
    for (const error of samples) {
      expect(error).toBeInstanceOf(ProclockError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
      expect(ProclockError.isInstance(error)).toBe(true);
      const own = (error.constructor as unknown as { isInstance(v: unknown): boolean }).isInstance;
      expect(own(error)).toBe(true);
      // An error from another installed copy: same brand and code, another class.
      expect(own(Object.assign(new Error('copy'), { [brand]: true, code: error.code }))).toBe(true);
      for (const other of samples) if (other !== error) expect(own(other)).toBe(false);
    }
  });

  it('reject unbranded look-alikes and other latch errors', () => {
    expect(ProclockError.isInstance({ code: 'lock_timeout' })).toBe(false);
    expect(ProclockError.isInstance({ [brand]: 'yes', code: 'lock_timeout' })).toBe(false);
    expect(ProclockError.isInstance({ [brand]: true, code: 'oauth_error' })).toBe(false);
    for (const value of [null, undefined, 'lock_timeout', 1]) {
      expect(ProclockError.isInstance(value)).toBe(false);
    }
  });

  it('narrow on switch (err.code)', () => {
    const explain = (error: unknown): string => {
      if (!ProclockError.isInstance(error)) return 'other';
      switch (error.code) {
        case 'lock_timeout':
          return `waited ${error.timeoutMs}`;
        case 'lock_file_error':
          return error.operation;
        case 'lock_aborted':
        case 'lock_compromised':
          return error.code;
      }
    };
    expect(samples.map(explain)).toEqual([
      'waited 30000',
      'lock_aborted',
      'lock_compromised',
      'acquire',
    ]);
  });

  it('chain the cause but keep it out of JSON', () => {
    const cause = Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES' });
    const error = new LockFileError({ ...lock, dir: '/tmp/locks', operation: 'acquire', cause });
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('(EACCES)');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'LockFileError',
      code: 'lock_file_error',
      message: error.message,
      lockName: lock.lockName,
      lockPath: lock.lockPath,
      operation: 'acquire',
    });
    expect(inspect(error)).toContain('lock_file_error');
  });

  it('say what to do next, naming the lock, the directory entry and the wait', () => {
    const [timeout] = samples;
    expect(timeout?.message).toContain('"refresh:https://login.example.com"');
    expect(timeout?.message).toContain('another process holds it');
    expect(timeout?.message).toContain('remove the directory /tmp/locks/ab.lock');
    expect(timeout?.message).toContain('30000 ms');
  });

  it('quote names safely: control characters escaped, long names cut', () => {
    const error = new LockAbortedError({ ...lock, lockName: `a\nb\u001b[31m${'x'.repeat(500)}` });
    expect(error.message.includes('\n') || error.message.includes('\u001b')).toBe(false);
    expect(error.message).toContain('a\\nb\\u001b[31m');
    expect(error.message.length).toBeLessThan(250);
  });
});
