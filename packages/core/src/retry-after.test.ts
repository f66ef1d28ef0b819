import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const now = Date.parse('2015-10-21T07:28:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['120', 120],
    [' 30 ', 30],
    ['Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ['Wed, 21 Oct 2015 07:29:30 GMT', 90],
    ['Wednesday, 21-Oct-15 07:28:10 GMT', 10],
    ['Wed Oct 21 07:28:05 2015', 5],
    ['Tue, 20 Oct 2015 07:28:00 GMT', 0],
  ])('reads %j as %d seconds', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });

  it('rounds a fraction of a second up', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:01 GMT', now - 500)).toBe(2);
  });

  it.each([
    null,
    undefined,
    '',
    '-1',
    '1.5',
    '10s',
    'soon',
    '2015-10-21T07:28:00Z',
    '9'.repeat(30),
  ])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
