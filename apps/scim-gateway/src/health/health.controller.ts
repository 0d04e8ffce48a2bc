import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadinessService, type Readiness } from './readiness.service';

@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers HTTP. Nothing else is checked, so a restart is never triggered by a dependency. */
  @Get('healthz')
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: NATS and every service answer; 503 names what is down. */
  @Get('readyz')
  async readinessCheck(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readiness> {
    const result = await this.readiness.check(request.id);
    reply.status(result.status === 'ok' ? 200 : 503);
    reply.header('cache-control', 'no-store');
    return result;
  }
}
