import { Body, Controller, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { RebuildUsersReadModelRpc, type Actor, type RpcReply } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestContextOf } from '../http/request-context';
import { ADMIN_STRATEGY } from './admin-bearer.strategy';
import { parseBody } from './parse-body';
import { ProblemDetailsFilter } from './problem-details.filter';

export const RebuildBody = z.object({ timeoutMs: z.number().int().positive().max(600_000).optional() });

@Controller('admin/v1/maintenance')
@UseGuards(AuthGuard(ADMIN_STRATEGY))
@UseFilters(ProblemDetailsFilter)
export class MaintenanceAdminController {
  constructor(private readonly nats: NatsRpcClient) {}

  /** Drops the users read model (of the settings-service instance that answers) and replays the log into it. */
  @Post('users-read-model/rebuild')
  @HttpCode(200)
  async rebuildUsersReadModel(
    @Req() request: FastifyRequest & { user: Actor },
    @Body() body: unknown,
  ): Promise<RpcReply<typeof RebuildUsersReadModelRpc>> {
    const { timeoutMs = 60_000 } = parseBody(RebuildBody, body);
    return this.nats.request(RebuildUsersReadModelRpc, { timeoutMs }, requestContextOf(request, request.user), {
      timeoutMs: timeoutMs + 5_000,
    });
  }
}
