/**
 * Describes a secret without revealing any of it: its kind and length only, so a transcript can
 * show that a token arrived and changed without printing a byte of it.
 */
export function describeSecret(kind: string, value: string | undefined): string {
  return value === undefined ? `no ${kind}` : `${kind} (${value.length} characters, redacted)`;
}
