import { Body, Controller, Param, Put, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { SetScimDailyRequestLimitRpc, type Actor } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import type { FastifyRequest } from 'fastify';
import { requestContextOf } from '../http/request-context';
import { ADMIN_STRATEGY } from './admin-bearer.strategy';
import { ScimRequestLimitBody, type ScimRequestLimitView } from './admin-api.schemas';
import { CompanyIdPipe } from './company-id.pipe';
import { parseBody } from './parse-body';
import { ProblemDetailsFilter } from './problem-details.filter';

/**
 * The company's own daily SCIM request limit, apart from the settings its admins save on the settings page:
 * an operator's decision (PUT there must not reset it), recorded as its own event for the audit trail.
 */
@Controller('admin/v1/companies/:companyId/scim-request-limit')
@UseGuards(AuthGuard(ADMIN_STRATEGY))
@UseFilters(ProblemDetailsFilter)
export class ScimRequestLimitAdminController {
  constructor(private readonly nats: NatsRpcClient) {}

  /** Sets the limit (requests per UTC day); null goes back to the installation's default. */
  @Put()
  async set(
    @Req() request: FastifyRequest & { user: Actor },
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Body() body: unknown,
  ): Promise<ScimRequestLimitView> {
    const input = parseBody(ScimRequestLimitBody, body);
    const { dailyRequestLimit } = await this.nats.request(SetScimDailyRequestLimitRpc, { companyId, ...input }, requestContextOf(request, request.user));
    return { dailyRequestLimit };
  }
}
