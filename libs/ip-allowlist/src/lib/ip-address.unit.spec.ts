import { formatAddress, parseAddress, parseClientAddress, unmapIpv4 } from './ip-address';

describe('parseAddress', () => {
  it.each([
    ['192.0.2.1', 'ipv4', '192.0.2.1'],
    ['0.0.0.0', 'ipv4', '0.0.0.0'],
    ['255.255.255.255', 'ipv4', '255.255.255.255'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', 'ipv6', '2001:db8::1'],
    ['::', 'ipv6', '::'],
    ['::1', 'ipv6', '::1'],
    ['2001:db8:0:0:1:0:0:1', 'ipv6', '2001:db8::1:0:0:1'],
  ])('reads %s as %s and writes it back as %s', (text, family, canonical) => {
    const address = parseAddress(text);
    expect(address?.family).toBe(family);
    expect(address && formatAddress(address)).toBe(canonical);
  });

  it.each([
    ['127.1', 'shorthand IPv4'],
    ['0x7f.0.0.1', 'hex IPv4'],
    ['010.0.0.1', 'octal-looking IPv4'],
    ['256.0.0.1', 'octet out of range'],
    ['1.2.3.4.5', 'five parts'],
    ['fe80::1%eth0', 'zone id'],
    ['2001:db8::g', 'bad hex digit'],
    ['1:2:3:4:5:6:7:8:9', 'nine groups'],
    ['[::1]', 'bracketed'],
    ['::ffff:010.0.0.1', 'octal-looking IPv4 inside IPv6'],
    ['::ffff:0x7f.0.0.1', 'hex IPv4 inside IPv6'],
    ['', 'empty'],
    ['example.com', 'host name'],
  ])('refuses %s (%s)', (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });
});

describe('parseClientAddress', () => {
  it('drops a zone id and surrounding whitespace', () => {
    expect(parseClientAddress(' fe80::1%eth0 ')).toEqual(parseAddress('fe80::1'));
  });
});

describe('unmapIpv4', () => {
  it('turns ::ffff:a.b.c.d into a.b.c.d', () => {
    const mapped = parseAddress('::ffff:198.51.100.7');
    expect(mapped?.family).toBe('ipv6');
    expect(mapped && formatAddress(unmapIpv4(mapped))).toBe('198.51.100.7');
  });

  it('leaves other IPv6 addresses alone', () => {
    const address = parseAddress('64:ff9b::198.51.100.7');
    expect(address && unmapIpv4(address)).toEqual(address);
  });

  it('reads the deprecated IPv4-compatible ::a.b.c.d as mapped, as ipaddr.js does', () => {
    const address = parseAddress('::198.51.100.7');
    expect(address && formatAddress(unmapIpv4(address))).toBe('198.51.100.7');
  });
});
