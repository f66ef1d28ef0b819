import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openRedisEntry, parseRedisEntry, redisKeyId, sealRedisEntry } from './redis-entry.js';
import type { Parsed } from './sealed-file.js';

const key = Buffer.alloc(32, 7);
const nonce = Buffer.alloc(12, 1);
const plaintext = Buffer.from('{"accessToken":"SENTINEL-ACCESS","tokenType":"Bearer"}');
const NAME = 'latch:tokens:https://login.example.com#work';

/** Parses and opens an entry; the outcome of either step. */
function open(text: string, redisKey = NAME, withKey: Uint8Array = key): Parsed<Buffer> {
  const parsed = parseRedisEntry(text);
  return parsed.ok ? openRedisEntry(parsed.value, withKey, redisKey) : parsed;
}

function reasonOf(result: Parsed<unknown>): string {
  return result.ok ? 'ok' : result.reason;
}

describe('redisKeyId', () => {
  it('is 16 hex digits of HMAC-SHA256(key, label), fixed for a key', () => {
    // The first 8 bytes of HMAC-SHA256(0x07 × 32, "latch-tokenstore redis key id v1"), from
    // `openssl dgst -sha256 -mac HMAC`: stored entries depend on this value never changing.
    expect(redisKeyId(key)).toBe('061dd0e0692a4701');
    expect(redisKeyId(Buffer.alloc(32, 7))).toBe(redisKeyId(key));
    expect(redisKeyId(Buffer.alloc(32, 8))).not.toBe(redisKeyId(key));
    expect(key.toString('hex')).not.toContain(redisKeyId(key));
  });
});

describe('sealRedisEntry / parseRedisEntry / openRedisEntry', () => {
  it('writes v1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)> and reads it back', () => {
    const text = sealRedisEntry(plaintext, key, nonce, NAME);
    const [version, keyId, payload = ''] = text.split('.');
    expect(version).toBe('v1');
    expect(keyId).toBe(redisKeyId(key));
    const bytes = Buffer.from(payload, 'base64url');
    expect(bytes.length).toBe(12 + plaintext.length + 16);
    expect(bytes.subarray(0, 12)).toEqual(nonce);
    expect(text).not.toContain('SENTINEL');
    const opened = open(text);
    expect(opened.ok && opened.value.toString()).toBe(plaintext.toString());
  });

  it('gives another ciphertext for another nonce', () => {
    expect(sealRedisEntry(plaintext, key, randomBytes(12), NAME)).not.toBe(
      sealRedisEntry(plaintext, key, randomBytes(12), NAME),
    );
  });

  it('authenticates the key name: under another name the entry is tampered', () => {
    const text = sealRedisEntry(plaintext, key, nonce, NAME);
    expect(reasonOf(open(text, 'latch:tokens:https://login.example.com#other'))).toBe('tampered');
  });

  it('reports every flipped payload byte as tampered, and another key as tampered too', () => {
    const text = sealRedisEntry(plaintext, key, nonce, NAME);
    const prefix = text.slice(0, text.lastIndexOf('.') + 1);
    const bytes = Buffer.from(text.slice(prefix.length), 'base64url');
    for (let i = 0; i < bytes.length; i += 1) {
      const flipped = Buffer.from(bytes);
      flipped[i] = (flipped[i] ?? 0) ^ 0x80;
      expect(reasonOf(open(prefix + flipped.toString('base64url')))).toBe('tampered');
    }
    expect(reasonOf(open(text, NAME, Buffer.alloc(32, 9)))).toBe('tampered');
  });

  it('names what is wrong with a malformed entry, never quoting it', () => {
    const good = sealRedisEntry(plaintext, key, nonce, NAME);
    const [, keyId = '', payload = ''] = good.split('.');
    const cases: [string, string][] = [
      ['{"accessToken":"SENTINEL-ACCESS","tokenType":"Bearer"}', 'not_a_store'],
      ['', 'not_a_store'],
      [`v2.${keyId}.${payload}`, 'unsupported_version'],
      [`v1.${keyId}`, 'bad_header'],
      [`v1.${keyId}.${payload}.x`, 'bad_header'],
      [`v1.XYZ.${payload}`, 'bad_header'],
      [`v1.${keyId}.${payload.slice(0, -1)}!`, 'bad_header'],
      [`v1.${keyId}.`, 'bad_header'],
      [`v1.${keyId}.${Buffer.alloc(27).toString('base64url')}`, 'truncated'],
    ];
    for (const [text, reason] of cases) {
      const parsed = parseRedisEntry(text);
      expect(reasonOf(parsed), text).toBe(reason);
      if (!parsed.ok) expect(parsed.detail).not.toContain('SENTINEL');
    }
  });

  it('accepts only the canonical base64url spelling of a payload', () => {
    // 28 bytes encode to 38 characters whose last one carries 4 unused bits.
    const payload = Buffer.alloc(28, 0).toString('base64url');
    const other = `${payload.slice(0, -1)}B`;
    expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from(payload, 'base64url'));
    expect(parseRedisEntry(`v1.${'0'.repeat(16)}.${payload}`).ok).toBe(true);
    expect(reasonOf(parseRedisEntry(`v1.${'0'.repeat(16)}.${other}`))).toBe('bad_header');
  });
});
