import { historyEntryOf, isTokenEvent, type HistoryEntry, type HistorySource, type TokenEvent } from '@scim/contracts';

/** One line for people per token event: the hint and who, never the hash (nor, of course, the token). */
export function summariseTokenEvent(event: TokenEvent): string {
  switch (event.type) {
    case 'ScimTokenIssued.v1':
      return event.data.replacesTokenId
        ? `SCIM token reset: new token …${event.data.hint} issued`
        : `SCIM token issued (…${event.data.hint})`;
    case 'ScimTokenRevoked.v1':
      return event.data.reason === 'reset' ? 'SCIM token revoked (replaced by a reset)' : 'SCIM token revoked';
  }
}

export function tokenHistoryEntry(event: HistorySource & { readonly data: unknown }): HistoryEntry {
  return historyEntryOf(event, isTokenEvent(event) ? summariseTokenEvent(event) : event.type);
}
