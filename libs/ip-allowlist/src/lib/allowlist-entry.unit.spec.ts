import { parseEntry, type AllowlistEntry } from './allowlist-entry';

function accepted(text: string): AllowlistEntry {
  const result = parseEntry(text);
  if (!result.ok) throw new Error(`expected ${text} to be accepted, got: ${result.message}`);
  return result.entry;
}

function rejected(text: string): string {
  const result = parseEntry(text);
  if (result.ok) throw new Error(`expected ${text} to be rejected, got ${result.entry.text}`);
  return result.message;
}

describe('parseEntry: single addresses', () => {
  it('accepts IPv4 and covers exactly that address', () => {
    expect(accepted(' 198.51.100.7 ')).toEqual({ text: '198.51.100.7', kind: 'address', family: 'ipv4', first: 0xc6336407n, last: 0xc6336407n });
  });

  it('normalises IPv6 to RFC 5952', () => {
    expect(accepted('2001:DB8:0:0:0:0:0:0001').text).toBe('2001:db8::1');
  });

  it('stores an IPv4-mapped address as the IPv4 address', () => {
    expect(accepted('::ffff:203.0.113.9')).toMatchObject({ text: '203.0.113.9', family: 'ipv4' });
  });
});

describe('parseEntry: CIDR blocks', () => {
  it('accepts an IPv4 block and covers network to broadcast', () => {
    expect(accepted('203.0.113.0/24')).toEqual({ text: '203.0.113.0/24', kind: 'cidr', family: 'ipv4', first: 0xcb007100n, last: 0xcb0071ffn });
  });

  it('normalises an IPv6 block', () => {
    const entry = accepted('2001:0db8::/32');
    expect(entry.text).toBe('2001:db8::/32');
    expect(entry.last - entry.first).toBe((1n << 96n) - 1n);
  });

  it('tolerates whitespace around the slash', () => {
    expect(accepted('10.0.0.0 / 8').text).toBe('10.0.0.0/8');
  });

  it('accepts /0 as every address of the family', () => {
    expect(accepted('0.0.0.0/0')).toMatchObject({ first: 0n, last: 0xffffffffn });
    expect(accepted('::/0')).toMatchObject({ first: 0n, last: (1n << 128n) - 1n });
  });

  it('writes a one-address block as the address', () => {
    expect(accepted('198.51.100.7/32')).toMatchObject({ text: '198.51.100.7', kind: 'address' });
    expect(accepted('2001:db8::1/128')).toMatchObject({ text: '2001:db8::1', kind: 'address' });
  });

  it('stores an IPv4-mapped block as the IPv4 block', () => {
    expect(accepted('::ffff:10.0.0.0/104')).toMatchObject({ text: '10.0.0.0/8', family: 'ipv4' });
  });

  it('rejects host bits and names both readings', () => {
    const message = rejected('203.0.113.7/24');
    expect(message).toContain('"203.0.113.7/24" has host bits set');
    expect(message).toContain('203.0.113.0/24');
    expect(message).toContain('203.0.113.7');
    expect(rejected('2001:db8::1/32')).toContain('2001:db8::/32');
  });

  it.each(['10.0.0.0/33', '2001:db8::/129'])('rejects the prefix length of %s', (text) => {
    expect(rejected(text)).toContain('prefix length');
  });

  it.each(['10.0.0.0/', '10.0.0.0/024', '10.0.0.0/-1', '10.0.0.0/8/8', '/8', '10.0.0/8', '10.0.0.0/x'])('rejects %s', (text) => {
    expect(rejected(text)).toContain(`"${text}" is not`);
  });
});

describe('parseEntry: ranges', () => {
  it('accepts an IPv4 range, whitespace around the dash included', () => {
    expect(accepted('10.0.0.1 - 10.0.0.9')).toEqual({ text: '10.0.0.1-10.0.0.9', kind: 'range', family: 'ipv4', first: 0x0a000001n, last: 0x0a000009n });
  });

  it('accepts and normalises an IPv6 range', () => {
    expect(accepted('2001:DB8::1-2001:db8:0:0:0:0:0:ff').text).toBe('2001:db8::1-2001:db8::ff');
  });

  it('writes a one-address range as the address', () => {
    expect(accepted('10.0.0.1-10.0.0.1')).toMatchObject({ text: '10.0.0.1', kind: 'address' });
  });

  it('reads an IPv4-mapped end as IPv4', () => {
    expect(accepted('::ffff:10.0.0.1-10.0.0.5').text).toBe('10.0.0.1-10.0.0.5');
  });

  it('rejects a range whose first address comes after its last', () => {
    expect(rejected('10.0.0.9-10.0.0.1')).toContain('comes after the last');
    expect(rejected('2001:db8::2-2001:db8::1')).toContain('comes after the last');
  });

  it('rejects a range mixing IPv4 and IPv6', () => {
    expect(rejected('10.0.0.1-2001:db8::1')).toContain('both ends of a range');
  });

  it.each(['10.0.0.1-', '-10.0.0.1', '10.0.0.1-10.0.0.2-10.0.0.3', '10.0.0.1-10.0.0', '10.0.0.1-abc'])('rejects %s', (text) => {
    expect(rejected(text)).toContain(`"${text}" is not`);
  });
});

describe('parseEntry: garbage', () => {
  it.each(['example.com', 'localhost', '*', '10.0.0.*', '1.2.3', '::g', 'fe80::1%eth0'])('rejects %s naming it', (text) => {
    expect(rejected(text)).toBe(`"${text}" is not an IPv4 or IPv6 address, CIDR block or first-last range`);
  });
});
