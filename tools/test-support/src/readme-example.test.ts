import { describe, expect, it } from 'vitest';
import { extractExample } from './readme-example.js';

describe('extractExample', () => {
  const md = [
    '# pkg',
    '<!-- example:usage:start -->',
    '```ts',
    "console.log('hi');",
    '```',
    '<!-- example:usage:end -->',
    '',
  ].join('\n');

  it('returns the fenced code between the markers', () => {
    expect(extractExample(md, 'usage')).toBe("console.log('hi');\n");
  });

  it('throws when the markers or the fence are missing', () => {
    expect(() => extractExample(md, 'other')).toThrow(/no example "other"/);
    expect(() =>
      extractExample('<!-- example:x:start -->\nplain\n<!-- example:x:end -->', 'x'),
    ).toThrow(/not one/);
  });
});
