import { Controller, Get, Param, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { CompanyHistoryRpc, ScimTokenHistoryRpc, type Actor, type HistoryEntry } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import type { FastifyRequest } from 'fastify';
import { requestContextOf } from '../http/request-context';
import { ADMIN_STRATEGY } from './admin-bearer.strategy';
import { HistoryQuery, type CompanyHistory } from './admin-api.schemas';
import { CompanyIdPipe } from './company-id.pipe';
import { parseQuery } from './parse-body';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Recent settings and token events of a company (who, when, from where), merged from both services. */
@Controller('admin/v1/companies/:companyId/history')
@UseGuards(AuthGuard(ADMIN_STRATEGY))
@UseFilters(ProblemDetailsFilter)
export class CompanyHistoryAdminController {
  constructor(private readonly nats: NatsRpcClient) {}

  @Get()
  async history(
    @Req() request: FastifyRequest & { user: Actor },
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Query() query: unknown,
  ): Promise<CompanyHistory> {
    const { limit } = parseQuery(HistoryQuery, query);
    const context = requestContextOf(request, request.user);
    const [company, tokens] = await Promise.all([
      this.nats.request(CompanyHistoryRpc, { companyId, limit }, context),
      this.nats.request(ScimTokenHistoryRpc, { companyId, limit }, context),
    ]);
    return { events: newestFirst([...company.events, ...tokens.events]).slice(0, limit) };
  }
}

/** By time, newest first; within one stream by revision (events appended together share a timestamp). */
export function newestFirst(events: readonly HistoryEntry[]): HistoryEntry[] {
  return [...events].sort(
    (a, b) =>
      Date.parse(b.occurredAt) - Date.parse(a.occurredAt) ||
      (a.stream === b.stream ? b.revision - a.revision : a.stream.localeCompare(b.stream)),
  );
}
