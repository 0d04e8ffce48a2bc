import type { AllowlistEntry } from './allowlist-entry';
import { isAllowed } from './is-allowed';
import { parseAllowlist } from './parse-allowlist';

function allowlist(text: string): AllowlistEntry[] {
  const result = parseAllowlist(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.entries;
}

describe('isAllowed', () => {
  it('allows every address, even an unparseable one, when the list is empty', () => {
    expect(isAllowed([], '203.0.113.1')).toBe(true);
    expect(isAllowed([], '2001:db8::1')).toBe(true);
    expect(isAllowed([], 'unknown')).toBe(true);
  });

  describe('IPv4', () => {
    const entries = allowlist('198.51.100.7, 203.0.113.0/24, 10.0.0.10-10.0.0.20');

    it.each(['198.51.100.7', '203.0.113.0', '203.0.113.255', '10.0.0.10', '10.0.0.15', '10.0.0.20'])('allows %s', (ip) => {
      expect(isAllowed(entries, ip)).toBe(true);
    });

    it.each(['198.51.100.8', '203.0.112.255', '203.0.114.0', '10.0.0.9', '10.0.0.21', '2001:db8::1'])('refuses %s', (ip) => {
      expect(isAllowed(entries, ip)).toBe(false);
    });

    it('matches an IPv4-mapped IPv6 client against IPv4 entries', () => {
      expect(isAllowed(entries, '::ffff:203.0.113.42')).toBe(true);
      expect(isAllowed(entries, '::FFFF:198.51.100.7')).toBe(true);
      expect(isAllowed(entries, '::ffff:198.51.100.8')).toBe(false);
    });
  });

  describe('IPv6', () => {
    const entries = allowlist('2001:db8::/32, fd00::1-fd00::ff, 2001:db9::7');

    it.each(['2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '2001:DB8:1::1', 'fd00::1', 'fd00::80', 'fd00::ff', '2001:db9::7'])(
      'allows %s',
      (ip) => expect(isAllowed(entries, ip)).toBe(true),
    );

    it.each(['2001:db7:ffff::1', '2001:db9::', 'fd00::100', 'fd00::', '2001:db9::8', '203.0.113.1', '::ffff:203.0.113.1'])('refuses %s', (ip) => {
      expect(isAllowed(entries, ip)).toBe(false);
    });

    it('ignores a zone id on the client address', () => {
      expect(isAllowed(allowlist('fe80::/10'), 'fe80::1%eth0')).toBe(true);
    });

    it('lets an IPv6 block that covers the mapped range match a mapped client', () => {
      expect(isAllowed(allowlist('::/0'), '::ffff:203.0.113.1')).toBe(true);
    });
  });

  it('refuses an unparseable client address when a list is set', () => {
    const entries = allowlist('0.0.0.0/0, ::/0');
    expect(isAllowed(entries, '203.0.113.1')).toBe(true);
    expect(isAllowed(entries, 'not-an-ip')).toBe(false);
    expect(isAllowed(entries, '127.1')).toBe(false);
    expect(isAllowed(entries, '')).toBe(false);
  });
});
