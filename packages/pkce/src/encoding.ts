/**
 * Encodes bytes as unpadded base64url (RFC 4648 §5), the alphabet RFC 7636 §4.1 asks for.
 *
 * @internal
 */
export function base64url(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString('base64url');
}
