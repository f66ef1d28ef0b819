import { inspect } from 'node:util';
import { LatchError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import {
  CorruptStoreError,
  isTokenStoreError,
  KeyringUnavailableError,
  StoreIoError,
  storeIoError,
  type TokenStoreError,
  ValueTooLargeError,
} from './errors.js';

const errors: TokenStoreError[] = [
  new CorruptStoreError('m', { location: '/f', reason: 'tampered' }),
  new KeyringUnavailableError('m', { service: 's', reason: 'r' }),
  new ValueTooLargeError('m', { bytes: 2, limit: 1 }),
  new StoreIoError('m', { path: '/f', syscallCode: 'EACCES' }),
];

describe('tokenstore errors', () => {
  it('are latch errors with one code each, recognised by brand and code', () => {
    const classes = [CorruptStoreError, KeyringUnavailableError, ValueTooLargeError, StoreIoError];
    expect(errors.map((error) => error.code)).toEqual([
      'corrupt_store',
      'keyring_unavailable',
      'value_too_large',
      'store_io',
    ]);
    for (const [index, error] of errors.entries()) {
      expect(LatchError.isInstance(error)).toBe(true);
      expect(isTokenStoreError(error)).toBe(true);
      for (const [other, type] of classes.entries()) {
        expect(type.isInstance(error)).toBe(index === other);
      }
    }
    // A plain object with the code but no brand is not one (and vice versa for another code).
    expect(CorruptStoreError.isInstance({ code: 'corrupt_store' })).toBe(false);
    expect(isTokenStoreError(new LatchError('timeout', 'm'))).toBe(false);
  });

  it('serialise their fields, never their cause', () => {
    const error = new CorruptStoreError('m', {
      location: '/f',
      reason: 'tampered',
      cause: new Error('SENTINEL-CAUSE'),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'CorruptStoreError',
      code: 'corrupt_store',
      message: 'm',
      location: '/f',
      reason: 'tampered',
    });
    expect(inspect(error)).toContain('corrupt_store');
  });

  it('storeIoError keeps the system code and the path', () => {
    const cause = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const error = storeIoError('write', '/cfg/latch/mycli/tokens.enc', cause);
    expect(error).toMatchObject({
      code: 'store_io',
      syscallCode: 'EACCES',
      path: '/cfg/latch/mycli/tokens.enc',
    });
    expect(error.message).toContain('(EACCES)');
    expect(error.cause).toBe(cause);
  });
});
