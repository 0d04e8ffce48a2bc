import { Inject, Injectable } from '@nestjs/common';
import { GetScimTokenRpc, type RequestContext } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG } from '../app/gateway-config.token';
import type { GatewayConfig } from '../config';
import { publicBaseUrl } from '../http/public-base-url';
import type { ScimTokenInfo } from './admin-api.schemas';

/** What an admin may see of the company's SCIM token: hint, issue time and the endpoint; never the token. */
@Injectable()
export class ScimTokenView {
  constructor(
    private readonly nats: NatsRpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  endpoint(request: FastifyRequest): string {
    return `${publicBaseUrl(request, this.config.PUBLIC_BASE_URL)}/scim/v2`;
  }

  async find(
    request: FastifyRequest,
    companyId: string,
    context: RequestContext,
    minPosition?: string,
  ): Promise<ScimTokenInfo | null> {
    const { activeToken } = await this.nats.request(GetScimTokenRpc, { companyId, minPosition }, context);
    return activeToken
      ? { hint: activeToken.hint, issuedAt: activeToken.issuedAt, endpoint: this.endpoint(request) }
      : null;
  }
}
