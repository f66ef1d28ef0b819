import { describe, expect, it } from 'vitest';
import { ALLOWED_NEXT_PATHS, safeNextPath } from './safe-next.js';

describe('safeNextPath', () => {
  it('keeps an allow-listed path', () => {
    for (const path of ALLOWED_NEXT_PATHS) expect(safeNextPath(path)).toBe(path);
  });

  it('sends everything else to /', () => {
    for (const value of [
      undefined,
      null,
      42,
      '',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/%2F%2Fevil.example',
      ' /',
      '/?flow=device&x=1',
      'javascript:alert(1)',
      '/oob/callback/x',
    ]) {
      expect(safeNextPath(value)).toBe('/');
    }
  });
});
