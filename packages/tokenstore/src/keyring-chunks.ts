import { createHash } from 'node:crypto';
import type { TokenSet } from '@latch/core';
import type { Parsed } from './sealed-file.js';
import { parseStoredTokenSet } from './token-set-codec.js';

// A token set too large for one keychain secret is stored as numbered parts plus a manifest
// under the account itself. Parts are named after a random generation id and written first;
// the manifest, written last, switches readers over. A save cut short leaves the old value
// readable; parts that do not match their manifest are detected by length and SHA-256.

/** The manifest of a value split into parts. */
export interface ChunkManifest {
  /** The generation id naming this value's parts. */
  readonly id: string;
  /** How many parts. */
  readonly parts: number;
  /** The total length in bytes. */
  readonly bytes: number;
  /** The SHA-256 of the whole value, lower-case hex. */
  readonly sha256: string;
}

/** What a keychain secret of the store holds. */
export type StoredValue =
  | { readonly kind: 'tokens'; readonly tokens: TokenSet }
  | { readonly kind: 'manifest'; readonly manifest: ChunkManifest };

const MAX_PARTS = 256;

/**
 * The account a part is stored under.
 *
 * @internal
 */
export function partAccount(account: string, id: string, index: number): string {
  return `${account}#latch-part-${id}-${index}`;
}

/**
 * Splits `value` into parts of at most `partBytes` bytes. Pure.
 *
 * @internal
 */
export function splitValue(value: Uint8Array, partBytes: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < value.length; offset += partBytes) {
    parts.push(value.subarray(offset, offset + partBytes));
  }
  return parts;
}

/**
 * The manifest secret for `value` split into `parts` parts under generation `id`. Pure.
 *
 * @internal
 */
export function buildManifest(value: Uint8Array, id: string, parts: number): Uint8Array {
  const manifest = {
    latchChunks: 1,
    id,
    parts,
    bytes: value.length,
    sha256: createHash('sha256').update(value).digest('hex'),
  };
  return Buffer.from(JSON.stringify(manifest), 'utf8');
}

/**
 * Parses a keychain secret of the store: a token set, or the manifest of one in parts. Pure.
 *
 * @internal
 */
export function parseStoredValue(secret: Uint8Array): Parsed<StoredValue> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(secret).toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid_content', detail: 'it does not hold JSON' };
  }
  const record = (value ?? {}) as Record<string, unknown>;
  if (record.latchChunks !== undefined) {
    const { latchChunks, id, parts, bytes, sha256 } = record;
    if (
      latchChunks !== 1 ||
      typeof id !== 'string' ||
      !/^[0-9a-f]{16}$/.test(id) ||
      !Number.isSafeInteger(parts) ||
      (parts as number) < 1 ||
      (parts as number) > MAX_PARTS ||
      !Number.isSafeInteger(bytes) ||
      (bytes as number) < 0 ||
      typeof sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(sha256)
    ) {
      return { ok: false, reason: 'invalid_content', detail: 'its part manifest is invalid' };
    }
    return {
      ok: true,
      value: {
        kind: 'manifest',
        manifest: { id, parts: parts as number, bytes: bytes as number, sha256 },
      },
    };
  }
  const checked = parseStoredTokenSet(value);
  if (!checked.ok) {
    return {
      ok: false,
      reason: 'invalid_content',
      detail: `it is not a token set (${checked.problem})`,
    };
  }
  return { ok: true, value: { kind: 'tokens', tokens: checked.tokens } };
}

/**
 * Joins the parts of a value and checks them against their manifest. Pure.
 *
 * @param parts - The parts in order; `null` for a part that is missing.
 * @internal
 */
export function joinParts(
  manifest: ChunkManifest,
  parts: readonly (Uint8Array | null)[],
): Parsed<Uint8Array> {
  const missing = parts.indexOf(null);
  if (missing >= 0 || parts.length !== manifest.parts) {
    return {
      ok: false,
      reason: 'truncated',
      detail: `part ${missing >= 0 ? missing + 1 : parts.length + 1} of ${manifest.parts} is missing`,
    };
  }
  const value = Buffer.concat(parts as Uint8Array[]);
  const sha256 = createHash('sha256').update(value).digest('hex');
  if (value.length !== manifest.bytes || sha256 !== manifest.sha256) {
    return { ok: false, reason: 'tampered', detail: 'its parts do not match their manifest' };
  }
  return { ok: true, value };
}
