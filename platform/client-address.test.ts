import { describe, expect, it } from '@jest/globals';
import { addressBudgetKey } from './client-address.ts';

describe('addressBudgetKey', () => {
  it('counts an IPv4 address as itself, and an IPv4 address written as IPv6 as that IPv4 address', () => {
    expect(addressBudgetKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressBudgetKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressBudgetKey('::FFFF:c000:0201')).toBe('192.0.2.1');
  });

  it('counts every address of one IPv6 /64 as one, however it is written', () => {
    const key = addressBudgetKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const address of ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:abcd::', '2001:db8:1:2:0:0:0:9']) expect(addressBudgetKey(address)).toBe(key);
    expect(addressBudgetKey('2001:db8:1:3::1')).not.toBe(key);
    expect(addressBudgetKey('::1')).toBe('0:0:0:0::/64');
  });

  it('leaves what is not an address as it is (the gateway refuses such a forwarded address before)', () => {
    expect(addressBudgetKey('unknown')).toBe('unknown');
  });
});
