import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  OobError,
  type OobFailure,
  OobIdConflictError,
  OobMisconfiguredError,
  OobNamespaceMissingError,
  OobStoreFailedError,
} from './errors.js';

const brand = Symbol.for('latch.error');

/** @latch/core's LatchError.isInstance, verbatim in behaviour (oob cannot import core). */
function coreIsInstance(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

const cause = new Error('connection reset');
const samples: readonly OobFailure[] = [
  new OobMisconfiguredError({ missing: ['store'] }),
  new OobNamespaceMissingError({ cause }),
  new OobIdConflictError(),
  new OobStoreFailedError({ operation: 'complete', reason: 'Redis did not answer', cause }),
];

describe('oob errors', () => {
  it('carry the latch brand, non-enumerable, so core recognises them', () => {
    for (const error of samples) {
      expect(coreIsInstance(error)).toBe(true);
      expect(Object.getOwnPropertyDescriptor(error, brand)).toMatchObject({
        value: true,
        enumerable: false,
        writable: false,
      });
    }
  });

  it('give each class its own literal code, name and isInstance', () => {
    expect(new Set(samples.map((e) => e.code)).size).toBe(samples.length);
    for (const error of samples) {
      expect(error).toBeInstanceOf(OobError);
      expect(error.name).toBe(error.constructor.name);
      expect(OobError.isInstance(error)).toBe(true);
      const own = (error.constructor as unknown as { isInstance(v: unknown): boolean }).isInstance;
      expect(own(error)).toBe(true);
      expect(own(Object.assign(new Error('copy'), { [brand]: true, code: error.code }))).toBe(true);
      for (const other of samples) if (other !== error) expect(own(other)).toBe(false);
    }
  });

  it('reject unbranded look-alikes and other latch errors', () => {
    expect(OobError.isInstance(Object.assign(new Error('x'), { code: 'oob_store_failed' }))).toBe(
      false,
    );
    expect(
      OobError.isInstance(Object.assign(new Error('x'), { [brand]: true, code: 'lock_timeout' })),
    ).toBe(false);
    expect(OobError.isInstance(null)).toBe(false);
    expect(OobError.isInstance('oob_store_failed')).toBe(false);
  });

  it('narrow on switch (err.code)', () => {
    const describeError = (error: OobFailure): string => {
      switch (error.code) {
        case 'oob_misconfigured':
          return error.missing.join();
        case 'oob_store_failed':
          return error.operation;
        case 'oob_namespace_missing':
        case 'oob_id_conflict':
          return error.code;
      }
    };
    expect(samples.map(describeError)).toEqual([
      'store',
      'oob_namespace_missing',
      'oob_id_conflict',
      'complete',
    ]);
  });

  it('chain the cause, and leave it out of JSON', () => {
    const error = samples[3] as OobStoreFailedError;
    expect(error.cause).toBe(cause);
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toEqual({
      name: 'OobStoreFailedError',
      code: 'oob_store_failed',
      operation: 'complete',
      message: error.message,
    });
    expect(inspect(error)).toContain('oob_store_failed');
  });

  it('say what to do next', () => {
    expect(samples[0]?.message).toMatch(/Pass a namespaceProvider/);
    expect(samples[1]?.message).toMatch(/NamespaceContext\.run/);
    expect(samples[2]?.message).toMatch(/OobManager\.create/);
    expect(samples[3]?.message).toMatch(/Check that Redis is reachable/);
  });
});
