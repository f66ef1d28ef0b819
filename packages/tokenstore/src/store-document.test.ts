import { describe, expect, it } from 'vitest';
import { buildStoreDocument, parseStoreDocument } from './store-document.js';

describe('buildStoreDocument / parseStoreDocument', () => {
  it('round-trips every account, even one named like an Object property', () => {
    const accounts = new Map([
      ['https://as.example#default', { accessToken: 'a', tokenType: 'Bearer' as const }],
      ['__proto__', { accessToken: 'b', tokenType: 'N_A' as const }],
      ['constructor', { accessToken: 'c', tokenType: 'Bearer' as const, expiresAt: 5 }],
    ]);
    const parsed = parseStoreDocument(buildStoreDocument(accounts));
    expect(parsed.ok && [...parsed.value]).toEqual([...accounts]);
  });

  it('reports anything else as invalid_content without quoting it', () => {
    for (const text of ['', 'nope', 'null', '[]', '{"version":2,"accounts":{}}', '{"version":1}']) {
      expect(parseStoreDocument(Buffer.from(text)), text).toMatchObject({
        ok: false,
        reason: 'invalid_content',
      });
    }
    const bad = parseStoreDocument(
      Buffer.from('{"version":1,"accounts":{"acct":{"accessToken":"SECRET-X","tokenType":"MAC"}}}'),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.detail).toContain('"acct"');
      expect(bad.detail).not.toContain('SECRET-X');
    }
  });
});
