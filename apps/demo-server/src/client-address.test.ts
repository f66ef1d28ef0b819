import { describe, expect, it } from 'vitest';
import { addressBucket } from './client-address.js';

describe('addressBucket', () => {
  it('counts IPv4 whole, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64', () => {
    expect(addressBucket('192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('::ffff:c000:207')).toBe('192.0.2.7');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('64:ff9b::192.0.2.7')).toBe('64:ff9b:0:0::/64');
    expect(addressBucket('unknown')).toBe('unknown');
  });

  it('puts every address of one /64 in one bucket, and the next /64 in another', () => {
    const buckets = new Set(
      Array.from({ length: 1_000 }, (_, i) => addressBucket(`2001:db8:1:2::${i.toString(16)}`)),
    );
    expect([...buckets]).toEqual(['2001:db8:1:2::/64']);
    expect(addressBucket('2001:db8:1:3::1')).not.toBe('2001:db8:1:2::/64');
  });
});
