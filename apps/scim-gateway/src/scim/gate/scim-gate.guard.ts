import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { serviceOriginMatches } from '@scim/contracts';
import { isAllowed } from '@scim/ip-allowlist';
import { ROOT_LOGGER } from '@scim/platform';
import { ScimError } from '@scim/scim';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { GATEWAY_CONFIG } from '../../app/gateway-config.token';
import type { GatewayConfig } from '../../config';
import { bearerTokenOf } from '../../http/bearer-token';
import { requestOriginOf } from '../../http/request-context';
import { CompanyGateSettingsService } from './company-gate-settings.service';
import { dailyRequestLimitOf } from './daily-request-limit';
import { RateLimiterProvider } from './rate-limiter.provider';
import { TokenVerifier, type VerifiedScimToken } from './token-verifier.service';

/** What the gate established about a SCIM request; controllers read it from the request. */
export interface ScimCaller extends VerifiedScimToken {
  readonly sourceIp: string;
  readonly requestOrigin: string | undefined;
}

/** Declared on every request up front (decorateScimRequests), so setting it does not change the request's shape. */
export type ScimRequest = FastifyRequest & { scimCaller?: ScimCaller | null };

export function decorateScimRequests(fastify: FastifyInstance): void {
  fastify.decorateRequest('scimCaller', null);
}

/** The modelled product answers every gate failure with the same 401: the reason goes to the log only. */
const AUTHORIZATION_FAILURE = 'Authorization failure';

/**
 * Runs before every SCIM endpoint: (1) the bearer token verifies to a company, (2) with the custom
 * provisioning method the request origin header names the company's service origin, (3) the client IP is in
 * the company's allowlist, (4) the company's daily request limit is not spent (headers on every response).
 */
@Injectable()
export class ScimGate implements CanActivate {
  private readonly logger: Logger;

  constructor(
    private readonly tokens: TokenVerifier,
    private readonly settings: CompanyGateSettingsService,
    private readonly rateLimiter: RateLimiterProvider,
    @Inject(ROOT_LOGGER) root: Logger,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.logger = root.child({ context: ScimGate.name });
  }

  /** Already done for every SCIM request before its body was read (gateScimRequestsBeforeTheirBodies); kept as the guard of record. */
  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const request = execution.switchToHttp().getRequest<ScimRequest>();
    if (!request.scimCaller) await this.authorize(request, execution.switchToHttp().getResponse<FastifyReply>());
    return true;
  }

  /** Sets `request.scimCaller`, or throws the SCIM error to answer (401, 429, or 503 when a service is down). */
  async authorize(request: ScimRequest, reply: FastifyReply): Promise<void> {
    const token = bearerTokenOf(request.headers.authorization);
    if (!token) return this.deny(request, 'no bearer token');

    const verified = await this.tokens.verify(token, { correlationId: request.id });
    if (!verified) return this.deny(request, 'unknown or revoked token');

    const gate = await this.settings.forCompany(verified.companyId, request.id);
    if (!gate) return this.deny(request, 'SCIM provisioning is not configured', verified.companyId);
    const origin = requestOriginOf(request);
    if (gate.settings.provisioningMethod === 'custom' && !serviceOriginMatches(gate.settings.serviceOrigin ?? '', origin)) {
      return this.deny(request, 'request origin does not match the service origin', verified.companyId, { origin });
    }
    // Fastify works the address out (trusted proxies included) on every read of request.ip.
    const sourceIp = request.ip;
    if (gate.allowlist === 'unusable' || !isAllowed(gate.allowlist, sourceIp)) {
      return this.deny(request, 'client IP is not in the allowlist', verified.companyId, { ip: sourceIp });
    }

    const decision = await this.rateLimiter.consume(verified.companyId, dailyRequestLimitOf(gate.dailyRequestLimit, this.config));
    if (decision) {
      reply.header('x-ratelimit-limit', String(decision.limit));
      reply.header('x-ratelimit-remaining', String(decision.remaining));
      reply.header('x-ratelimit-reset', String(decision.resetAt));
      if (!decision.allowed) {
        reply.header('retry-after', String(Math.max(1, decision.resetAt - Math.floor(Date.now() / 1000))));
        throw new ScimError(429, undefined, `The daily limit of ${decision.limit} SCIM requests is used up`);
      }
    }
    request.scimCaller = { companyId: verified.companyId, tokenId: verified.tokenId, sourceIp, requestOrigin: origin };
  }

  private deny(request: FastifyRequest, reason: string, companyId?: string, details: Record<string, unknown> = {}): never {
    this.logger.info({ correlationId: request.id, reason, companyId, ...details }, 'SCIM request refused');
    throw new ScimError(401, undefined, AUTHORIZATION_FAILURE);
  }
}
