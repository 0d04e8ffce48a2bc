import { Controller, Get, Param, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { GetCompanyRpc, type Actor } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import type { FastifyRequest } from 'fastify';
import { requestContextOf } from '../http/request-context';
import { searchUsersPage } from '../scim/users/search-users-page';
import { ADMIN_STRATEGY } from './admin-bearer.strategy';
import { UsersQuery, type UsersPage } from './admin-api.schemas';
import { CompanyIdPipe } from './company-id.pipe';
import { parseQuery } from './parse-body';
import { ProblemDetailsFilter } from './problem-details.filter';

const SORT_PATHS = { userName: 'userName', lastModified: 'meta.lastModified' } as const;

/** The admin's read-only view of the users an identity provider provisioned into the company. */
@Controller('admin/v1/companies/:companyId/users')
@UseGuards(AuthGuard(ADMIN_STRATEGY))
@UseFilters(ProblemDetailsFilter)
export class CompanyUsersAdminController {
  constructor(private readonly nats: NatsRpcClient) {}

  @Get()
  async list(
    @Req() request: FastifyRequest & { user: Actor },
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Query() query: unknown,
  ): Promise<UsersPage> {
    const { filter, startIndex, count, sortBy, sortOrder } = parseQuery(UsersQuery, query);
    const context = requestContextOf(request, request.user);
    // The company lookup turns an unknown company into a 404 instead of an empty page.
    const [, page] = await Promise.all([
      this.nats.request(GetCompanyRpc, { companyId }, context),
      searchUsersPage(
        this.nats,
        { companyId, filter: filter?.trim() || undefined, startIndex, count, sortBy: SORT_PATHS[sortBy], sortOrder },
        context,
      ),
    ]);
    return {
      totalResults: page.totalResults,
      startIndex: page.startIndex,
      itemsPerPage: page.itemsPerPage,
      users: page.users.map(({ id, externalId, userName, name, displayName, department, active, createdAt, lastModified }) => ({
        id,
        externalId,
        userName,
        name,
        displayName,
        department,
        active,
        createdAt,
        lastModified,
      })),
    };
  }
}
