export { parseAllowlist, formatAllowlist, MAX_ALLOWLIST_ENTRIES } from './lib/parse-allowlist';
export type { AllowlistError, AllowlistParseResult } from './lib/parse-allowlist';
export { parseEntry } from './lib/allowlist-entry';
export type { AllowlistEntry, AllowlistEntryKind, EntryParseResult } from './lib/allowlist-entry';
export { isAllowed } from './lib/is-allowed';
export { parseAddress, parseClientAddress, formatAddress } from './lib/ip-address';
export type { IpFamily, IpAddressValue } from './lib/ip-address';
