import { describe, expect, it } from 'vitest';
import { CallbackRejectedError } from './callback-rejected-error.js';
import { MAX_QUERY_LENGTH, parseQuery } from './parse-query.js';

function rejection(search: string) {
  try {
    parseQuery(search);
  } catch (error) {
    if (CallbackRejectedError.isInstance(error)) return error.reason;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseQuery', () => {
  it('decodes percent-encoding and +, with or without the ?', () => {
    const params = parseQuery('?a=1%202&b=x+y&c&d=%E2%9C%93');
    expect([...params]).toEqual([
      ['a', '1 2'],
      ['b', 'x y'],
      ['c', ''],
      ['d', '✓'],
    ]);
    expect(parseQuery('').size).toBe(0);
  });

  it('keeps duplicates in order', () => {
    expect(parseQuery('s=1&s=2').getAll('s')).toEqual(['1', '2']);
  });

  it('refuses broken percent-encoding and invalid UTF-8 instead of repairing it', () => {
    expect(rejection('code=abc%zz')).toBe('malformed');
    expect(rejection('code=abc%')).toBe('malformed');
    expect(rejection('code=%E0%A4%A')).toBe('malformed');
    expect(rejection('code=%C3%28')).toBe('malformed');
    expect(rejection('%ZZ=1')).toBe('malformed');
  });

  it('refuses a query longer than the limit', () => {
    expect(rejection(`a=${'x'.repeat(MAX_QUERY_LENGTH)}`)).toBe('too_long');
  });
});
