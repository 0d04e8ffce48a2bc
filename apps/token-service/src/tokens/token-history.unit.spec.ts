import { createHash, randomUUID } from 'node:crypto';
import { eventOf, GENESIS_HASH, ScimTokenIssued, ScimTokenRevoked, type EventMetadata } from '@scim/contracts';
import { summariseTokenEvent, tokenHistoryEntry } from './token-history';

const companyId = randomUUID();
const admin = { type: 'admin', id: 'admin' } as const;
const sha256 = createHash('sha256').update('scim_secret-token-value').digest('hex');
const metadata: EventMetadata = {
  $correlationId: 'corr-1',
  $causationId: 'corr-1',
  actor: admin,
  occurredAt: '2026-03-01T10:00:00.000Z',
  prevHash: GENESIS_HASH,
  metadataVersion: 1,
};

const issued = (replacesTokenId?: string) =>
  eventOf(ScimTokenIssued, {
    companyId,
    tokenId: randomUUID(),
    sha256,
    hint: 'Xy9z',
    issuedBy: admin,
    issuedAt: metadata.occurredAt,
    ...(replacesTokenId ? { replacesTokenId } : {}),
  });

describe('token history', () => {
  it('summarises issues, resets and revocations with the hint only', () => {
    expect(summariseTokenEvent(issued())).toBe('SCIM token issued (…Xy9z)');
    expect(summariseTokenEvent(issued(randomUUID()))).toBe('SCIM token reset: new token …Xy9z issued');
    const revoked = (reason: 'reset' | 'revoked') =>
      eventOf(ScimTokenRevoked, { companyId, tokenId: randomUUID(), reason, revokedBy: admin, revokedAt: metadata.occurredAt });
    expect(summariseTokenEvent(revoked('reset'))).toBe('SCIM token revoked (replaced by a reset)');
    expect(summariseTokenEvent(revoked('revoked'))).toBe('SCIM token revoked');
  });

  it('never puts the token hash into an entry', () => {
    const entry = tokenHistoryEntry({ ...issued(), streamName: `scim-token-${companyId}`, revision: 0n, metadata });
    expect(entry).toMatchObject({ type: 'ScimTokenIssued.v1', actor: admin, sourceIp: null, correlationId: 'corr-1' });
    expect(JSON.stringify(entry)).not.toContain(sha256);
  });
});
