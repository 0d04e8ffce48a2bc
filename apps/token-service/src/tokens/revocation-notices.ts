import type { ScimTokenRevokedNotice, TokenEvent } from '@scim/contracts';

/**
 * The `tokens.events.revoked` messages to publish for events a command just appended, so every gateway drops
 * its cached verification (keyed by hash) at once. `hashOf` gives the SHA-256 of an issued token by id (the
 * decider state's `issuedHashes`); a revocation of an unknown token id yields no notice rather than a wrong one.
 */
export function revocationNotices(
  hashOf: ReadonlyMap<string, string>,
  events: readonly TokenEvent[],
): ScimTokenRevokedNotice[] {
  return events.flatMap((event) => {
    if (event.type !== 'ScimTokenRevoked.v1') return [];
    const tokenSha256 = hashOf.get(event.data.tokenId);
    if (!tokenSha256) return [];
    const { companyId, tokenId, reason, revokedAt } = event.data;
    return [{ companyId, tokenId, tokenSha256, reason, revokedAt }];
  });
}
