import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gcmOpen, gcmSeal, keyFingerprint, TAG_BYTES } from './aes-gcm.js';

const key = randomBytes(32);
const nonce = randomBytes(12);
const aad = Buffer.from('latch:tokens:acme');
const plaintext = Buffer.from('{"accessToken":"a","tokenType":"Bearer"}');

describe('gcmSeal / gcmOpen', () => {
  it('round-trips, with the tag after the ciphertext', () => {
    const sealed = gcmSeal(plaintext, key, nonce, aad);
    expect(sealed.length).toBe(plaintext.length + TAG_BYTES);
    expect(sealed.includes(plaintext)).toBe(false);
    expect(gcmOpen(sealed, key, nonce, aad)?.toString()).toBe(plaintext.toString());
  });

  it('refuses another key, nonce or aad, any flipped byte, and a stub shorter than a tag', () => {
    const sealed = gcmSeal(plaintext, key, nonce, aad);
    expect(gcmOpen(sealed, randomBytes(32), nonce, aad)).toBeUndefined();
    expect(gcmOpen(sealed, key, randomBytes(12), aad)).toBeUndefined();
    expect(gcmOpen(sealed, key, nonce, Buffer.from('latch:tokens:other'))).toBeUndefined();
    for (let i = 0; i < sealed.length; i += 1) {
      const flipped = Buffer.from(sealed);
      flipped[i] = (flipped[i] ?? 0) ^ 1;
      expect(gcmOpen(flipped, key, nonce, aad)).toBeUndefined();
    }
    expect(gcmOpen(sealed.subarray(0, TAG_BYTES - 1), key, nonce, aad)).toBeUndefined();
  });

  it('throws TypeError for a key or nonce of the wrong length', () => {
    expect(() => gcmSeal(plaintext, randomBytes(16), nonce, aad)).toThrow(TypeError);
    expect(() => gcmSeal(plaintext, key, randomBytes(16), aad)).toThrow(TypeError);
  });
});

describe('keyFingerprint', () => {
  it('depends on the key and the label, and does not contain the key', () => {
    const a = keyFingerprint(key, 'label one', 8);
    expect(a.length).toBe(8);
    expect(keyFingerprint(key, 'label one', 8)).toEqual(a);
    expect(keyFingerprint(key, 'label two', 8)).not.toEqual(a);
    expect(keyFingerprint(randomBytes(32), 'label one', 8)).not.toEqual(a);
    expect(key.includes(a)).toBe(false);
  });
});
