import {
  ADDRESS_BITS,
  formatAddress,
  hostMask,
  isIpv4Mapped,
  parseAddress,
  unmapIpv4,
  type IpAddressValue,
  type IpFamily,
} from './ip-address';

export type AllowlistEntryKind = 'address' | 'cidr' | 'range';

/**
 * One allowed address, CIDR block or `first-last` range, kept as the inclusive interval it covers.
 * `text` is the canonical spelling: it is what gets stored, compared for duplicates and shown back.
 */
export interface AllowlistEntry {
  readonly text: string;
  readonly kind: AllowlistEntryKind;
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

export type EntryParseResult =
  | { readonly ok: true; readonly entry: AllowlistEntry }
  | { readonly ok: false; readonly message: string };

const PREFIX_LENGTH = /^(0|[1-9]\d{0,2})$/;

/** Parses one entry that has already been cut out of the admin's list. */
export function parseEntry(raw: string): EntryParseResult {
  const text = raw.trim();
  if (text.includes('/')) return parseCidr(text);
  if (text.includes('-')) return parseRange(text);
  const address = parseAddress(text);
  if (!address) return invalid(text);
  return { ok: true, entry: singleAddress(unmapIpv4(address)) };
}

function parseCidr(text: string): EntryParseResult {
  const parts = text.split('/');
  if (parts.length !== 2) return invalid(text);
  const address = parseAddress(parts[0].trim());
  const prefixText = parts[1].trim();
  if (!address || !PREFIX_LENGTH.test(prefixText)) return invalid(text);

  const prefixLength = Number(prefixText);
  const bits = ADDRESS_BITS[address.family];
  if (prefixLength > bits) {
    return { ok: false, message: `"${text}": the prefix length must be between 0 and ${bits} for ${label(address.family)}` };
  }

  const hostBits = hostMask(address.family, prefixLength);
  if ((address.value & hostBits) !== 0n) {
    const network = { family: address.family, value: address.value & ~hostBits };
    return {
      ok: false,
      message:
        `"${text}" has host bits set: write the network ${formatAddress(network)}/${prefixLength}` +
        ` or the single address ${formatAddress(address)}`,
    };
  }
  return { ok: true, entry: cidrBlock(address, prefixLength) };
}

function parseRange(text: string): EntryParseResult {
  const parts = text.split('-');
  if (parts.length !== 2) return invalid(text);
  const parsedFirst = parseAddress(parts[0].trim());
  const parsedLast = parseAddress(parts[1].trim());
  if (!parsedFirst || !parsedLast) return invalid(text);

  const first = unmapIpv4(parsedFirst);
  const last = unmapIpv4(parsedLast);
  if (first.family !== last.family) {
    return { ok: false, message: `"${text}": both ends of a range must be ${label(first.family)} or both ${label(last.family)}` };
  }
  if (first.value > last.value) {
    return { ok: false, message: `"${text}": the first address of the range comes after the last` };
  }
  if (first.value === last.value) return { ok: true, entry: singleAddress(first) };
  return {
    ok: true,
    entry: {
      text: `${formatAddress(first)}-${formatAddress(last)}`,
      kind: 'range',
      family: first.family,
      first: first.value,
      last: last.value,
    },
  };
}

/**
 * A block of IPv4-mapped IPv6 addresses (`::ffff:10.0.0.0/104`) is stored as the IPv4 block it stands for,
 * and a one-address block (`/32`, `/128`) as that address.
 */
function cidrBlock(network: IpAddressValue, prefixLength: number): AllowlistEntry {
  if (isIpv4Mapped(network) && prefixLength >= 96) return cidrBlock(unmapIpv4(network), prefixLength - 96);
  const bits = ADDRESS_BITS[network.family];
  if (prefixLength === bits) return singleAddress(network);
  return {
    text: `${formatAddress(network)}/${prefixLength}`,
    kind: 'cidr',
    family: network.family,
    first: network.value,
    last: network.value | hostMask(network.family, prefixLength),
  };
}

function singleAddress(address: IpAddressValue): AllowlistEntry {
  return { text: formatAddress(address), kind: 'address', family: address.family, first: address.value, last: address.value };
}

function invalid(text: string): EntryParseResult {
  return { ok: false, message: `"${text}" is not an IPv4 or IPv6 address, CIDR block or first-last range` };
}

function label(family: IpFamily): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}
