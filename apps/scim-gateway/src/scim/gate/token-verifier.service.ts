import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SYSTEM_ACTOR, ScimTokenRevokedNotice, VerifyScimTokenRpc, type RequestContext } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import { hash } from 'node:crypto';
import { ExpiringCache } from './expiring-cache';
import { SharedReads } from './shared-reads';

export interface VerifiedScimToken {
  readonly companyId: string;
  readonly tokenId: string;
}

const VALID_TTL_MS = 5_000;

/**
 * Resolves a SCIM bearer token to its company. The token is hashed at once (only the SHA-256 leaves this
 * class, to token-service); verifications are cached a few seconds so the hot path costs no NATS round
 * trip, and a revocation published by token-service drops the cached entry on every gateway at once.
 * Requests that miss the cache together share one call; a call under way when a revocation notice comes is
 * neither joined nor cached, so a token revoked a moment ago cannot come back for another five seconds.
 */
@Injectable()
export class TokenVerifier implements OnApplicationBootstrap, OnApplicationShutdown {
  // Only valid verifications are cached: a token issued a moment ago must work at once.
  private readonly cache = new ExpiringCache<string, VerifiedScimToken>(VALID_TTL_MS);
  private readonly verifications = new SharedReads<string, VerifiedScimToken | null>();
  /** Revocation notices heard so far: a verification begun before the latest one may predate it. */
  private revocationsHeard = 0;
  private stopListening: () => void = () => undefined;

  constructor(private readonly nats: NatsRpcClient) {}

  async verify(token: string, context: Omit<RequestContext, 'actor'>): Promise<VerifiedScimToken | null> {
    const tokenSha256 = sha256Hex(token);
    const cached = this.cache.get(tokenSha256);
    if (cached !== undefined) return cached;
    const revocationsHeard = this.revocationsHeard;
    return this.verifications.read(tokenSha256, revocationsHeard, () => this.ask(tokenSha256, revocationsHeard, context));
  }

  private async ask(tokenSha256: string, revocationsHeard: number, context: Omit<RequestContext, 'actor'>): Promise<VerifiedScimToken | null> {
    const reply = await this.nats.request(VerifyScimTokenRpc, { tokenSha256 }, { ...context, actor: SYSTEM_ACTOR });
    if (!reply.valid) return null;
    const verified = { companyId: reply.companyId, tokenId: reply.tokenId };
    if (revocationsHeard === this.revocationsHeard) this.cache.set(tokenSha256, verified);
    return verified;
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.nats.listen(ScimTokenRevokedNotice, (notice) => {
      this.revocationsHeard++;
      this.cache.delete(notice.tokenSha256);
      this.cache.deleteWhere((value) => value.tokenId === notice.tokenId);
    });
  }

  onApplicationShutdown(): void {
    this.stopListening();
  }
}

/** One-shot hashing: no Hash object per SCIM request. */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}
