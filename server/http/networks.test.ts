import { describe, expect, test } from 'vitest';
import { hostAndNetwork } from './networks.ts';

describe('hostAndNetwork', () => {
  test('IPv4: the address, in its /24', () => {
    expect(hostAndNetwork('203.0.113.7')).toEqual({ host: '203.0.113.7', network: '203.0.113.0/24' });
    expect(hostAndNetwork('::ffff:203.0.113.7')).toEqual({ host: '203.0.113.7', network: '203.0.113.0/24' });
  });

  test('IPv6: the /64 is one host, the /56 one network, however it is written', () => {
    const a = hostAndNetwork('2001:db8:1:2a::1');
    expect(a).toEqual({ host: '20010db80001002a/64', network: '20010db8000100/56' });
    expect(hostAndNetwork('2001:0DB8:0001:002A:ffff:ffff:ffff:ffff')).toEqual(a);
    expect(hostAndNetwork('2001:db8:1:2b::9').network).toBe(a.network);
    expect(hostAndNetwork('2001:db8:1:2b::9').host).not.toBe(a.host);
    expect(hostAndNetwork('2001:db8:1:100::1').network).not.toBe(a.network);
    expect(hostAndNetwork('::1')).toEqual({ host: '0000000000000000/64', network: '00000000000000/56' });
    expect(hostAndNetwork('fe80::1%eth0').host).toBe('fe80000000000000/64');
    expect(hostAndNetwork('64:ff9b::198.51.100.1').host).toBe('0064ff9b00000000/64');
  });

  test('anything unreadable is its own host and network', () => {
    expect(hostAndNetwork('')).toEqual({ host: '', network: '' });
    expect(hostAndNetwork('not-an-ip')).toEqual({ host: 'not-an-ip', network: 'not-an-ip' });
    expect(hostAndNetwork('1:2:3:4:5:6:7:8:9').host).toBe('1:2:3:4:5:6:7:8:9');
  });
});
