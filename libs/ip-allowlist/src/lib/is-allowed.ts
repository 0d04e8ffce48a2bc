import type { AllowlistEntry } from './allowlist-entry';
import { isIpv4Mapped, parseClientAddress, unmapIpv4, type IpAddressValue } from './ip-address';

/**
 * Whether a client address may call: an empty list allows every address; otherwise the address must fall
 * inside an entry. A client seen as IPv4-mapped IPv6 (`::ffff:1.2.3.4`, as dual-stack sockets report IPv4
 * peers) matches IPv4 entries, and IPv6 entries that cover the mapped form. An unparseable address matches
 * nothing.
 */
export function isAllowed(entries: readonly AllowlistEntry[], clientIp: string): boolean {
  if (entries.length === 0) return true;
  const address = parseClientAddress(clientIp);
  if (!address) return false;
  const candidates: IpAddressValue[] = isIpv4Mapped(address) ? [address, unmapIpv4(address)] : [address];
  return entries.some((entry) =>
    candidates.some((candidate) => entry.family === candidate.family && candidate.value >= entry.first && candidate.value <= entry.last),
  );
}
