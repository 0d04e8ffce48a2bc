import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemDetailsFilter } from '../admin/problem-details.filter';
import { ScimErrorFilter } from '../scim/http/scim-error.filter';

/**
 * The gateway's global filter. Errors raised before a route runs (unparseable JSON, a body over the limit,
 * an unknown path) reach only global filters; each is answered in the error format of the API it was
 * meant for: SCIM errors under /scim, problem details under /admin, plain JSON elsewhere.
 */
@Catch()
export class RoutingExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly scim: ScimErrorFilter,
    private readonly admin: ProblemDetailsFilter,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const path = host.switchToHttp().getRequest<FastifyRequest>().url;
    if (path.startsWith('/scim/')) return this.scim.catch(error, host);
    if (path.startsWith('/admin/')) return this.admin.catch(error, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = statusOf(error);
    reply.status(status).send({ statusCode: status, message: status === 500 ? 'Internal error' : (error as Error).message });
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
}
