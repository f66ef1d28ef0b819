import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildManifest,
  type ChunkManifest,
  joinParts,
  parseStoredValue,
  partAccount,
  splitValue,
} from './keyring-chunks.js';

const value = Buffer.from(JSON.stringify({ accessToken: 'x'.repeat(5000), tokenType: 'Bearer' }));

function manifestOf(bytes: Uint8Array): ChunkManifest {
  const parsed = parseStoredValue(bytes);
  if (!parsed.ok || parsed.value.kind !== 'manifest') throw new Error('not a manifest');
  return parsed.value.manifest;
}

describe('keyring chunks', () => {
  it('splits into parts no larger than the limit that join back to the value', () => {
    const parts = splitValue(value, 2048);
    expect(parts.map((part) => part.length)).toEqual([2048, 2048, value.length - 4096]);
    const manifest = manifestOf(buildManifest(value, '0123456789abcdef', parts.length));
    expect(manifest).toEqual({
      id: '0123456789abcdef',
      parts: 3,
      bytes: value.length,
      sha256: createHash('sha256').update(value).digest('hex'),
    });
    const joined = joinParts(manifest, parts);
    expect(joined.ok && Buffer.from(joined.value).equals(value)).toBe(true);
  });

  it('detects missing, reordered and changed parts', () => {
    const parts = splitValue(value, 2048);
    const manifest = manifestOf(buildManifest(value, '0123456789abcdef', parts.length));
    expect(joinParts(manifest, [parts[0] ?? null, null, parts[2] ?? null])).toMatchObject({
      reason: 'truncated',
      detail: 'part 2 of 3 is missing',
    });
    expect(joinParts(manifest, parts.slice(0, 2))).toMatchObject({ reason: 'truncated' });
    expect(joinParts(manifest, [parts[1], parts[0], parts[2]] as Uint8Array[])).toMatchObject({
      reason: 'tampered',
    });
  });

  it('tells a token set from a manifest, and refuses malformed manifests', () => {
    expect(parseStoredValue(Buffer.from('{"accessToken":"a","tokenType":"Bearer"}'))).toMatchObject(
      {
        ok: true,
        value: { kind: 'tokens' },
      },
    );
    for (const manifest of [
      { latchChunks: 2, id: '0123456789abcdef', parts: 1, bytes: 1, sha256: 'a'.repeat(64) },
      { latchChunks: 1, id: '../x', parts: 1, bytes: 1, sha256: 'a'.repeat(64) },
      { latchChunks: 1, id: '0123456789abcdef', parts: 0, bytes: 1, sha256: 'a'.repeat(64) },
      { latchChunks: 1, id: '0123456789abcdef', parts: 9999, bytes: 1, sha256: 'a'.repeat(64) },
      { latchChunks: 1, id: '0123456789abcdef', parts: 1, bytes: 1, sha256: 'nope' },
    ]) {
      expect(parseStoredValue(Buffer.from(JSON.stringify(manifest)))).toMatchObject({
        ok: false,
        reason: 'invalid_content',
      });
    }
  });

  it('names parts after the account, the generation and the index', () => {
    expect(partAccount('https://as.example#work', '0123456789abcdef', 2)).toBe(
      'https://as.example#work#latch-part-0123456789abcdef-2',
    );
  });
});
