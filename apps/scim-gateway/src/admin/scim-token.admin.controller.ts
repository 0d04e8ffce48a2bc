import { Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { GetCompanyRpc, IssueScimTokenRpc, RevokeScimTokenRpc, type Actor } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import type { FastifyRequest } from 'fastify';
import { requestContextOf } from '../http/request-context';
import { ADMIN_STRATEGY } from './admin-bearer.strategy';
import type { IssuedScimToken, ScimTokenInfo } from './admin-api.schemas';
import { CompanyIdPipe } from './company-id.pipe';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ScimTokenView } from './scim-token-view.service';

type AdminRequest = FastifyRequest & { user: Actor };

@Controller('admin/v1/companies/:companyId/scim-token')
@UseGuards(AuthGuard(ADMIN_STRATEGY))
@UseFilters(ProblemDetailsFilter)
export class ScimTokenAdminController {
  constructor(
    private readonly nats: NatsRpcClient,
    private readonly tokens: ScimTokenView,
  ) {}

  /** Issues the company's SCIM token, shown this once; when one exists this is the reset. */
  @Post()
  @HttpCode(201)
  async issue(@Req() request: AdminRequest, @Param('companyId', CompanyIdPipe) companyId: string): Promise<IssuedScimToken> {
    const issued = await this.nats.request(IssueScimTokenRpc, { companyId }, requestContextOf(request, request.user));
    return { token: issued.token, hint: issued.hint, issuedAt: issued.issuedAt, endpoint: this.tokens.endpoint(request) };
  }

  @Get()
  async show(@Req() request: AdminRequest, @Param('companyId', CompanyIdPipe) companyId: string): Promise<ScimTokenInfo> {
    const info = await this.tokens.find(request, companyId, requestContextOf(request, request.user));
    if (!info) throw new NotFoundException('The company has no active SCIM token');
    return info;
  }

  @Delete()
  @HttpCode(204)
  async revoke(@Req() request: AdminRequest, @Param('companyId', CompanyIdPipe) companyId: string): Promise<void> {
    const context = requestContextOf(request, request.user);
    const { revokedTokenId } = await this.nats.request(RevokeScimTokenRpc, { companyId }, context);
    // Nothing to revoke is fine (204 again), but only for a company that exists: token-service knows no companies.
    if (revokedTokenId === null) await this.nats.request(GetCompanyRpc, { companyId }, context);
  }
}
