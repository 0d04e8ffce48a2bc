import { randomUUID } from 'node:crypto';
import type { ScimTokenRevokedNotice } from '@scim/contracts';
import type { NatsRpcClient } from '@scim/platform';
import { sha256Hex, TokenVerifier } from './token-verifier.service';

const token = 'scim_test-token-value';
const companyId = randomUUID();
const tokenId = randomUUID();

/** A token-service stand-in: answers VerifyScimToken as the token stood when asked, each call held until released. */
function fakeTokenService() {
  let valid = true;
  let onRevoked: (notice: ScimTokenRevokedNotice) => void = () => undefined;
  const calls: { request: { tokenSha256: string }; release: () => void }[] = [];
  const nats = {
    request: (_rpc: unknown, request: { tokenSha256: string }) => {
      const answer = valid ? { valid, companyId, tokenId } : { valid };
      return new Promise((resolve) => calls.push({ request, release: () => resolve(answer) }));
    },
    listen: (_notice: unknown, listener: (notice: ScimTokenRevokedNotice) => void) => {
      onRevoked = listener;
      return () => undefined;
    },
  } as unknown as NatsRpcClient;
  return {
    nats,
    calls,
    revoke: () => {
      valid = false;
      onRevoked({ companyId, tokenId, tokenSha256: sha256Hex(token), reason: 'revoked', revokedAt: new Date().toISOString() });
    },
  };
}

function startedVerifier(tokenService: ReturnType<typeof fakeTokenService>): TokenVerifier {
  const verifier = new TokenVerifier(tokenService.nats);
  verifier.onApplicationBootstrap();
  return verifier;
}

describe('TokenVerifier', () => {
  it('sends only the hash, asks once for requests that miss the cache together, then answers from its cache', async () => {
    const tokenService = fakeTokenService();
    const verifier = startedVerifier(tokenService);
    const together = Array.from({ length: 20 }, () => verifier.verify(token, { correlationId: 'c' }));
    expect(tokenService.calls).toHaveLength(1);
    expect(tokenService.calls[0].request).toEqual({ tokenSha256: sha256Hex(token) });
    tokenService.calls[0].release();
    for (const verified of await Promise.all(together)) expect(verified).toEqual({ companyId, tokenId });
    expect(await verifier.verify(token, { correlationId: 'c' })).toEqual({ companyId, tokenId });
    expect(tokenService.calls).toHaveLength(1);
  });

  it('asks again after a revocation notice and then refuses the token', async () => {
    const tokenService = fakeTokenService();
    const verifier = startedVerifier(tokenService);
    const first = verifier.verify(token, { correlationId: 'c' });
    tokenService.calls[0].release();
    await first;
    tokenService.revoke();
    const after = verifier.verify(token, { correlationId: 'c' });
    expect(tokenService.calls).toHaveLength(2);
    tokenService.calls[1].release();
    expect(await after).toBeNull();
  });

  it('neither joins nor caches a verification that was under way when a revocation notice came', async () => {
    const tokenService = fakeTokenService();
    const verifier = startedVerifier(tokenService);
    const underWay = verifier.verify(token, { correlationId: 'c' });
    tokenService.revoke();
    // Asked after the notice: a call of its own, not the one that may have been answered before the revocation.
    const afterNotice = verifier.verify(token, { correlationId: 'c' });
    expect(tokenService.calls).toHaveLength(2);
    // token-service answered the first call before the revocation reached it: that request was concurrent with it.
    tokenService.calls[0].release();
    tokenService.calls[1].release();
    expect(await afterNotice).toBeNull();
    expect(await underWay).toEqual({ companyId, tokenId });
    // Whatever the first call brought back was not cached: the next request asks again.
    const next = verifier.verify(token, { correlationId: 'c' });
    expect(tokenService.calls).toHaveLength(3);
    tokenService.calls[2].release();
    expect(await next).toBeNull();
  });

  it('does not cache refusals: a token token-service did not know a moment ago is asked about again', async () => {
    const tokenService = fakeTokenService();
    tokenService.revoke();
    const verifier = startedVerifier(tokenService);
    for (let call = 0; call < 2; call++) {
      const verified = verifier.verify(token, { correlationId: 'c' });
      tokenService.calls[call].release();
      expect(await verified).toBeNull();
    }
    expect(tokenService.calls).toHaveLength(2);
  });
});
