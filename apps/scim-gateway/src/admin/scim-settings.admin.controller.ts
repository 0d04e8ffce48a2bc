import { Body, Controller, Param, Put, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ConfigureScimSettingsRpc, type Actor, type ScimSettingsView } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import type { FastifyRequest } from 'fastify';
import { requestContextOf } from '../http/request-context';
import { ADMIN_STRATEGY } from './admin-bearer.strategy';
import { ScimSettingsBody } from './admin-api.schemas';
import { CompanyIdPipe } from './company-id.pipe';
import { parseBody } from './parse-body';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('admin/v1/companies/:companyId/scim-settings')
@UseGuards(AuthGuard(ADMIN_STRATEGY))
@UseFilters(ProblemDetailsFilter)
export class ScimSettingsAdminController {
  constructor(private readonly nats: NatsRpcClient) {}

  /** Replaces the company's SCIM provisioning settings; answers them normalised. */
  @Put()
  async configure(
    @Req() request: FastifyRequest & { user: Actor },
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Body() body: unknown,
  ): Promise<ScimSettingsView> {
    const input = parseBody(ScimSettingsBody, body);
    const { settings } = await this.nats.request(
      ConfigureScimSettingsRpc,
      { companyId, ...input },
      requestContextOf(request, request.user),
    );
    return settings;
  }
}
