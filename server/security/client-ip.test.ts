import { describe, expect, it } from 'vitest';

import { addressKey, clientIp, normalUser } from './client-ip';

describe('clientIp', () => {
  it('takes the last X-Forwarded-For entry (the one the proxy in front appended)', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '1.2.3.4, 10.0.0.7' }))).toBe('10.0.0.7');
    expect(clientIp(new Headers({ 'x-real-ip': '192.0.2.1' }))).toBe('192.0.2.1');
    expect(clientIp(new Headers())).toBe('invalid');
  });
});

describe('addressKey', () => {
  it('maps IPv4-mapped IPv6 to IPv4 and groups IPv6 by /64', () => {
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('[2001:db8::1]')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('puts everything that is not an address under one key', () => {
    for (const junk of ['', 'unknown', 'bob', '1.2.3.4.5', '300.1.1.1', "'; drop table"]) {
      expect(addressKey(junk)).toBe('invalid');
    }
  });
});

describe('normalUser', () => {
  it('trims and lower-cases, so case and spaces do not mint budgets', () => {
    expect(normalUser('  Bob ')).toBe('bob');
  });
});
