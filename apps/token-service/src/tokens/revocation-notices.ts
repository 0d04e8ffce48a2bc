import type { ScimTokenRevokedNotice, TokenEvent } from '@scim/contracts';
import type { ActiveToken } from './active-token.reducer';

/**
 * The `tokens.events.revoked` messages to publish for events a command just appended, given the token that
 * was active before: gateways drop cached verifications by the hash. A revocation of a token other than
 * the active one (cannot happen through the decider) yields no notice rather than a wrong hash.
 */
export function revocationNotices(activeBefore: ActiveToken | null, events: readonly TokenEvent[]): ScimTokenRevokedNotice[] {
  return events.flatMap((event) => {
    if (event.type !== 'ScimTokenRevoked.v1' || activeBefore?.tokenId !== event.data.tokenId) return [];
    return [
      {
        companyId: event.data.companyId,
        tokenId: event.data.tokenId,
        tokenSha256: activeBefore.sha256,
        reason: event.data.reason,
        revokedAt: event.data.revokedAt,
      },
    ];
  });
}
