import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  HEADER_BYTES,
  openSealedFile,
  type Parsed,
  parseSealedHeader,
  type SealedKeyKind,
  sealFile,
} from './sealed-file.js';

const key = randomBytes(32);
const plaintext = Buffer.from('{"version":1,"accounts":{}}');
const passphraseKind: SealedKeyKind = {
  kind: 'passphrase',
  scrypt: { logN: 15, r: 8, p: 1 },
  salt: randomBytes(16),
};

/** Parses and opens a file; the outcome of either step. */
function open(file: Uint8Array): Parsed<Buffer> {
  const header = parseSealedHeader(file);
  return header.ok ? openSealedFile(file, header.value, key) : header;
}

describe('sealFile / parseSealedHeader / openSealedFile', () => {
  it('round-trips with a key file header and a passphrase header', () => {
    for (const kind of [{ kind: 'key-file' } as const, passphraseKind]) {
      const file = sealFile(plaintext, key, kind, randomBytes(12));
      const header = parseSealedHeader(file);
      expect(header.ok && header.value.kind).toBe(kind.kind);
      const opened = open(file);
      expect(opened.ok && opened.value.toString()).toBe(plaintext.toString());
    }
  });

  it('starts with the magic and version, and never contains the plaintext', () => {
    const file = sealFile(plaintext, key, { kind: 'key-file' }, randomBytes(12));
    expect(file.subarray(0, 5)).toEqual(Buffer.from([0x4c, 0x54, 0x43, 0x48, 1]));
    expect(file.length).toBe(HEADER_BYTES + plaintext.length + 16);
    expect(file.includes(plaintext)).toBe(false);
  });

  it('detects every single-bit flip, in the header and the body', () => {
    for (const kind of [{ kind: 'key-file' } as const, passphraseKind]) {
      const file = sealFile(plaintext, key, kind, randomBytes(12));
      const reasons = new Set<string>();
      for (let bit = 0; bit < file.length * 8; bit++) {
        const flipped = Buffer.from(file);
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        const outcome = open(flipped);
        expect(outcome.ok, `bit ${bit}`).toBe(false);
        if (!outcome.ok) reasons.add(outcome.reason);
      }
      expect(reasons.has('tampered')).toBe(true);
      expect(reasons.has('not_a_store')).toBe(true);
    }
  });

  it('detects every truncation, the empty file included', () => {
    const file = sealFile(plaintext, key, { kind: 'key-file' }, randomBytes(12));
    for (let length = 0; length < file.length; length++) {
      const outcome = open(file.subarray(0, length));
      expect(outcome.ok, `length ${length}`).toBe(false);
      if (!outcome.ok && length < HEADER_BYTES + 16) expect(outcome.reason).toBe('truncated');
    }
  });

  it('tells a wrong key apart from tampering', () => {
    const file = sealFile(plaintext, key, { kind: 'key-file' }, randomBytes(12));
    const header = parseSealedHeader(file);
    if (!header.ok) throw new Error('header');
    const outcome = openSealedFile(file, header.value, randomBytes(32));
    expect(outcome).toMatchObject({ ok: false, reason: 'wrong_key' });
  });

  it('refuses other versions, unknown key kinds and out-of-range scrypt costs', () => {
    const file = sealFile(plaintext, key, passphraseKind, randomBytes(12));
    const version = Buffer.from(file);
    version[4] = 2;
    expect(parseSealedHeader(version)).toMatchObject({ reason: 'unsupported_version' });
    const kind = Buffer.from(file);
    kind[5] = 7;
    expect(parseSealedHeader(kind)).toMatchObject({ reason: 'bad_header' });
    const cost = Buffer.from(file);
    cost[6] = 40; // 2^40: would ask scrypt for terabytes
    expect(parseSealedHeader(cost)).toMatchObject({ reason: 'bad_header' });
  });

  it('refuses a wrong-sized key or nonce when sealing', () => {
    expect(() =>
      sealFile(plaintext, randomBytes(16), { kind: 'key-file' }, randomBytes(12)),
    ).toThrow(TypeError);
    expect(() => sealFile(plaintext, key, { kind: 'key-file' }, randomBytes(8))).toThrow(TypeError);
  });
});
