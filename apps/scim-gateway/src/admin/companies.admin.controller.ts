import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AddWorkspaceRpc, GetCompanyRpc, ListCompaniesRpc, RegisterCompanyRpc, type Actor, type WorkspaceView } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG } from '../app/gateway-config.token';
import type { GatewayConfig } from '../config';
import { requestContextOf } from '../http/request-context';
import { dailyRequestLimitOf } from '../scim/gate/daily-request-limit';
import { ADMIN_STRATEGY } from './admin-bearer.strategy';
import { AddWorkspaceBody, CompaniesQuery, RegisteredCompany, RegisterCompanyBody, type CompanyDetails, type CompanyList } from './admin-api.schemas';
import { CompanyIdPipe } from './company-id.pipe';
import { parseBody, parseQuery } from './parse-body';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ScimTokenView } from './scim-token-view.service';

type AdminRequest = FastifyRequest & { user: Actor };

@Controller('admin/v1/companies')
@UseGuards(AuthGuard(ADMIN_STRATEGY))
@UseFilters(ProblemDetailsFilter)
export class CompaniesAdminController {
  constructor(
    private readonly nats: NatsRpcClient,
    private readonly tokens: ScimTokenView,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @HttpCode(201)
  async register(@Req() request: AdminRequest, @Body() body: unknown): Promise<RegisteredCompany> {
    const input = parseBody(RegisterCompanyBody, body);
    const { company } = await this.nats.request(RegisterCompanyRpc, input, requestContextOf(request, request.user));
    return RegisteredCompany.parse({
      id: company.id,
      name: company.name,
      workspaces: company.workspaces.map(({ id, name, teams }) => ({ id, name, teams })),
      roles: company.roles,
    });
  }

  /** A page of the companies (id and name) by name, or of those whose name contains `name`: the company picker. */
  @Get()
  async list(@Req() request: AdminRequest, @Query() query: unknown): Promise<CompanyList> {
    const { name, startIndex, count } = parseQuery(CompaniesQuery, query);
    const page = await this.nats.request(ListCompaniesRpc, { startIndex, count, nameContains: name }, requestContextOf(request, request.user));
    return { totalResults: page.totalResults, startIndex: page.startIndex, itemsPerPage: page.companies.length, companies: page.companies };
  }

  @Get(':companyId')
  async get(@Req() request: AdminRequest, @Param('companyId', CompanyIdPipe) companyId: string): Promise<CompanyDetails> {
    const context = requestContextOf(request, request.user);
    const [{ company }, scimToken] = await Promise.all([
      this.nats.request(GetCompanyRpc, { companyId }, context),
      this.tokens.find(request, companyId, context),
    ]);
    return { ...company, scimToken, scimEffectiveDailyRequestLimit: dailyRequestLimitOf(company.scimDailyRequestLimit, this.config) };
  }

  @Post(':companyId/workspaces')
  @HttpCode(201)
  async addWorkspace(
    @Req() request: AdminRequest,
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Body() body: unknown,
  ): Promise<WorkspaceView> {
    const input = parseBody(AddWorkspaceBody, body);
    const { workspace } = await this.nats.request(
      AddWorkspaceRpc,
      { companyId, ...input },
      requestContextOf(request, request.user),
    );
    return workspace;
  }
}
