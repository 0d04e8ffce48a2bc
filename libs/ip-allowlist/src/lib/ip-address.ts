import ipaddr from 'ipaddr.js';

export type IpFamily = 'ipv4' | 'ipv6';

/** An address as a number, so ranges and prefixes compare with plain arithmetic. */
export interface IpAddressValue {
  readonly family: IpFamily;
  readonly value: bigint;
}

export const ADDRESS_BITS: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const IPV4_MAPPED_MASK = ((1n << 96n) - 1n) << 32n;

/**
 * Parses one address strictly: IPv4 only in dotted four-part decimal (ipaddr.js would otherwise read
 * `127.1`, `0x7f.0.0.1` or octal `010.0.0.1`), also inside IPv6 (`::ffff:1.2.3.4`), and IPv6 without a zone
 * id (a zone names an interface of one host and means nothing in an allowlist). ipaddr.js reads the
 * deprecated IPv4-compatible form `::1.2.3.4` as IPv4-mapped; we keep that. Returns undefined otherwise.
 */
export function parseAddress(text: string): IpAddressValue | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { family: 'ipv4', value: bytesToBigInt(ipaddr.IPv4.parse(text).toByteArray()) };
  }
  if (!text.includes('%') && ipaddr.IPv6.isValid(text) && hasDecimalIpv4Tail(text)) {
    return { family: 'ipv6', value: bytesToBigInt(ipaddr.IPv6.parse(text).toByteArray()) };
  }
  return undefined;
}

/** An IPv6 text ending in dotted IPv4 (`::ffff:1.2.3.4`) must spell that part in four-part decimal too. */
function hasDecimalIpv4Tail(text: string): boolean {
  return !text.includes('.') || ipaddr.IPv4.isValidFourPartDecimal(text.slice(text.lastIndexOf(':') + 1));
}

/**
 * Parses a client address as a socket or proxy reports it: like {@link parseAddress}, but a zone id
 * (`fe80::1%eth0`) is dropped rather than refused.
 */
export function parseClientAddress(text: string): IpAddressValue | undefined {
  const trimmed = text.trim();
  const zone = trimmed.indexOf('%');
  return parseAddress(zone >= 0 && trimmed.includes(':') ? trimmed.slice(0, zone) : trimmed);
}

export function isIpv4Mapped(address: IpAddressValue): boolean {
  return address.family === 'ipv6' && (address.value & IPV4_MAPPED_MASK) === IPV4_MAPPED_PREFIX;
}

/** `::ffff:a.b.c.d` is the IPv4 address a.b.c.d as seen through a dual-stack socket. */
export function unmapIpv4(address: IpAddressValue): IpAddressValue {
  return isIpv4Mapped(address) ? { family: 'ipv4', value: address.value & 0xffffffffn } : address;
}

/** Canonical text: dotted decimal for IPv4, RFC 5952 (lower case, longest zero run compressed) for IPv6. */
export function formatAddress(address: IpAddressValue): string {
  const bytes = bigIntToBytes(address.value, ADDRESS_BITS[address.family] / 8);
  const parsed = ipaddr.fromByteArray(bytes);
  return parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString();
}

/** The mask of the host bits of a prefix, e.g. 0xff for an IPv4 /24. */
export function hostMask(family: IpFamily, prefixLength: number): bigint {
  return (1n << BigInt(ADDRESS_BITS[family] - prefixLength)) - 1n;
}

function bytesToBigInt(bytes: readonly number[]): bigint {
  return bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

function bigIntToBytes(value: bigint, length: number): number[] {
  const bytes = new Array<number>(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}
