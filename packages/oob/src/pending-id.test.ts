import { describe, expect, it } from 'vitest';
import { isPendingId } from './pending.js';
import { newPendingId, PENDING_ID_BYTES } from './pending-id.js';

describe('newPendingId', () => {
  it('encodes the random bytes as unpadded base64url', () => {
    const bytes = Uint8Array.from({ length: PENDING_ID_BYTES }, (_, i) => (i * 37) % 256);
    expect(newPendingId(() => bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    expect(newPendingId(() => new Uint8Array(32).fill(255))).toMatch(/^_{42}8$/);
  });

  it('asks for 32 bytes and refuses fewer than 16', () => {
    const asked: number[] = [];
    newPendingId((n) => {
      asked.push(n);
      return new Uint8Array(n);
    });
    expect(asked).toEqual([32]);
    expect(newPendingId(() => new Uint8Array(16))).toHaveLength(22);
    expect(() => newPendingId(() => new Uint8Array(15))).toThrow(TypeError);
    expect(() => newPendingId(() => 'abc' as never)).toThrow(TypeError);
  });

  it('uses only the view it was given, not the whole buffer', () => {
    const buffer = new Uint8Array(64).fill(1);
    const view = buffer.subarray(8, 40).fill(0);
    expect(newPendingId(() => view)).toBe('A'.repeat(43));
  });
});

describe('isPendingId', () => {
  it('accepts 22 to 128 base64url characters only', () => {
    expect(isPendingId('A'.repeat(22))).toBe(true);
    expect(isPendingId('a-_'.repeat(40))).toBe(true);
    for (const bad of [
      'A'.repeat(21),
      'A'.repeat(129),
      `${'A'.repeat(30)}=`,
      `${'A'.repeat(30)}/`,
      5,
    ]) {
      expect(isPendingId(bad)).toBe(false);
    }
  });
});
