import { randomUUID } from 'node:crypto';
import { eventOf, ScimTokenIssued, ScimTokenRevoked, type Actor } from '@scim/contracts';
import { applyTokenEvent } from './active-token.reducer';
import { revocationNotices } from './revocation-notices';
import { InMemoryTokenReadModel } from './token-read-model';
import { generateScimToken } from './token-secret';

const admin: Actor = { type: 'admin', id: 'admin@acme.test' };
const at = (n: number) => ({ commit: BigInt(n), prepare: BigInt(n) });

function issued(companyId: string, replacesTokenId?: string) {
  const secret = generateScimToken();
  const event = eventOf(ScimTokenIssued, {
    companyId,
    tokenId: randomUUID(),
    sha256: secret.sha256,
    hint: secret.hint,
    issuedBy: admin,
    issuedAt: '2026-01-01T00:00:00.000Z',
    ...(replacesTokenId ? { replacesTokenId } : {}),
  });
  return { secret, event };
}

function revoked(companyId: string, tokenId: string, reason: 'reset' | 'revoked' = 'revoked') {
  return eventOf(ScimTokenRevoked, { companyId, tokenId, reason, revokedBy: admin, revokedAt: '2026-01-02T00:00:00.000Z' });
}

describe('InMemoryTokenReadModel', () => {
  const companyId = randomUUID();

  it('verifies an issued token by its hash and shows its metadata (no hash, no token)', () => {
    const model = new InMemoryTokenReadModel();
    const first = issued(companyId);
    model.apply({ ...first.event, position: at(1) });
    expect(model.verify(first.secret.sha256)).toEqual({ companyId, tokenId: first.event.data.tokenId });
    expect(model.verify(first.secret.sha256.toUpperCase())).toEqual({ companyId, tokenId: first.event.data.tokenId });
    const metadata = model.activeToken(companyId);
    expect(metadata).toEqual({ tokenId: first.event.data.tokenId, hint: first.secret.hint, issuedAt: '2026-01-01T00:00:00.000Z', issuedBy: admin });
    expect(JSON.stringify(metadata)).not.toContain(first.secret.sha256);
  });

  it('a reset: the old hash stops verifying at once, the new one works', () => {
    const model = new InMemoryTokenReadModel();
    const first = issued(companyId);
    const second = issued(companyId, first.event.data.tokenId);
    model.apply({ ...first.event, position: at(1) });
    model.apply({ ...revoked(companyId, first.event.data.tokenId, 'reset'), position: at(2) });
    model.apply({ ...second.event, position: at(3) });
    expect(model.verify(first.secret.sha256)).toBeUndefined();
    expect(model.verify(second.secret.sha256)?.tokenId).toBe(second.event.data.tokenId);
    expect(model.activeToken(companyId)?.tokenId).toBe(second.event.data.tokenId);
  });

  it('a revoke: no token works for the company and it shows no active token', () => {
    const model = new InMemoryTokenReadModel();
    const first = issued(companyId);
    model.apply({ ...first.event, position: at(1) });
    model.apply({ ...revoked(companyId, first.event.data.tokenId), position: at(2) });
    expect(model.verify(first.secret.sha256)).toBeUndefined();
    expect(model.activeToken(companyId)).toBeNull();
  });

  it('keeps companies apart and ignores unknown hashes and other events', () => {
    const model = new InMemoryTokenReadModel();
    const other = randomUUID();
    const mine = issued(companyId);
    const theirs = issued(other);
    model.apply(mine.event);
    model.apply(theirs.event);
    model.apply({ type: 'CompanyRegistered.v1', data: { companyId, name: 'Acme' }, position: at(7) });
    model.apply(revoked(other, theirs.event.data.tokenId));
    expect(model.verify(mine.secret.sha256)?.companyId).toBe(companyId);
    expect(model.verify(theirs.secret.sha256)).toBeUndefined();
    expect(model.verify(generateScimToken().sha256)).toBeUndefined();
    expect(model.position).toEqual(at(7));
    model.saveCheckpoint(at(6));
    expect(model.loadCheckpoint()).toEqual(at(7));
  });

  it('keeps the active token when an older token id is revoked', () => {
    const active = issued(companyId);
    expect(applyTokenEvent(applyTokenEvent(null, active.event), revoked(companyId, randomUUID()))?.tokenId).toBe(active.event.data.tokenId);
  });

  it('can be cleared for a rebuild', () => {
    const model = new InMemoryTokenReadModel();
    const first = issued(companyId);
    model.apply({ ...first.event, position: at(1) });
    model.clear();
    expect(model.verify(first.secret.sha256)).toBeUndefined();
    expect(model.position).toBeUndefined();
  });
});

describe('revocationNotices', () => {
  const companyId = randomUUID();
  const first = issued(companyId);
  const hashes = new Map([[first.event.data.tokenId, first.secret.sha256]]);

  it('announces the revoked token by hash, for the gateway caches', () => {
    expect(revocationNotices(hashes, [revoked(companyId, first.event.data.tokenId, 'reset'), issued(companyId).event])).toEqual([
      { companyId, tokenId: first.event.data.tokenId, tokenSha256: first.secret.sha256, reason: 'reset', revokedAt: '2026-01-02T00:00:00.000Z' },
    ]);
  });

  it('announces nothing for a first issue, or for a token it does not know', () => {
    expect(revocationNotices(hashes, [issued(companyId).event])).toEqual([]);
    expect(revocationNotices(new Map(), [revoked(companyId, first.event.data.tokenId)])).toEqual([]);
  });
});
