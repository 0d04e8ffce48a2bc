import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SYSTEM_ACTOR, ScimTokenRevokedNotice, VerifyScimTokenRpc, type RequestContext } from '@scim/contracts';
import { decodeNestEventData, NatsRpcClient } from '@scim/platform';
import type { Subscription } from 'nats';
import { PinoLogger } from 'nestjs-pino';
import { createHash } from 'node:crypto';
import { ExpiringCache } from './expiring-cache';

export interface VerifiedScimToken {
  readonly companyId: string;
  readonly tokenId: string;
}

const VALID_TTL_MS = 5_000;

/**
 * Resolves a SCIM bearer token to its company. The token is hashed at once (only the SHA-256 leaves this
 * class, to token-service); verifications are cached a few seconds so the hot path costs no NATS round
 * trip, and a revocation published by token-service drops the cached entry on every gateway at once.
 */
@Injectable()
export class TokenVerifier implements OnApplicationBootstrap, OnApplicationShutdown {
  // Only valid verifications are cached: a token issued a moment ago must work at once.
  private readonly cache = new ExpiringCache<string, VerifiedScimToken>(VALID_TTL_MS);
  private subscription: Subscription | undefined;

  constructor(
    private readonly nats: NatsRpcClient,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(TokenVerifier.name);
  }

  async verify(token: string, context: Omit<RequestContext, 'actor'>): Promise<VerifiedScimToken | null> {
    const tokenSha256 = sha256Hex(token);
    const cached = this.cache.get(tokenSha256);
    if (cached !== undefined) return cached;
    const reply = await this.nats.request(VerifyScimTokenRpc, { tokenSha256 }, { ...context, actor: SYSTEM_ACTOR });
    if (!reply.valid) return null;
    const verified = { companyId: reply.companyId, tokenId: reply.tokenId };
    this.cache.set(tokenSha256, verified);
    return verified;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Not awaited: a gateway that starts before NATS still serves readiness (503) and subscribes once connected.
    void this.subscribeToRevocations();
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  private async subscribeToRevocations(): Promise<void> {
    const connection = await this.nats.connection();
    // No queue group: every gateway instance must hear every revocation.
    this.subscription = connection.subscribe(ScimTokenRevokedNotice.subject, {
      callback: (error, message) => {
        if (error) return;
        const notice = ScimTokenRevokedNotice.schema.safeParse(decodeNestEventData(message.data));
        if (!notice.success) {
          this.logger.warn({ issues: notice.error.issues }, 'ignored a malformed token revocation notice');
          return;
        }
        this.cache.delete(notice.data.tokenSha256);
        this.cache.deleteWhere((value) => value.tokenId === notice.data.tokenId);
      },
    });
  }
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
