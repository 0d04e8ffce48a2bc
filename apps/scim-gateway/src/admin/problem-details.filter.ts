import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { issuesOf } from '@scim/contracts';
import { ROOT_LOGGER, RpcCallError } from '@scim/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { RefusedBodyError } from '../http/refused-body';
import { HTTP_STATUS_OF, RETRY_AFTER_SECONDS } from '../http/rpc-error-status';
import { InvalidQueryError, UnknownFieldsError } from './parse-body';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';

/** Every error of the admin API as application/problem+json; unexpected ones are logged, never echoed. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger: Logger;

  constructor(@Inject(ROOT_LOGGER) root: Logger) {
    this.logger = root.child({ context: 'AdminApi' });
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = { ...this.toProblem(error, request.id), instance: request.url.split('?')[0], correlationId: request.id };
    if (body.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    if (error instanceof RefusedBodyError) reply.headers(error.responseHeaders);
    if (body.status === 401) reply.header('www-authenticate', 'Bearer realm="admin"');
    reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(error: unknown, correlationId: string): ProblemDetails {
    if (error instanceof RpcCallError) {
      const status = HTTP_STATUS_OF[error.code];
      if (status >= 500) this.logger.warn({ correlationId, subject: error.subject, code: error.code, failure: error.transportFailure }, error.message);
      return problem(status, status === 500 ? 'The request could not be completed' : error.message, {
        ...(error.issues?.length ? { errors: error.issues } : {}),
      });
    }
    if (error instanceof InvalidQueryError) return problem(400, error.message, { errors: error.issues });
    if (error instanceof UnknownFieldsError) {
      return problem(400, error.message, { errors: error.paths.map((path) => ({ path, message: 'is not a field of this request' })) });
    }
    if (error instanceof ZodError) {
      return problem(400, 'The request body is invalid', {
        errors: issuesOf(error).map((issue) => ({ ...issue, path: issue.path || '(body)' })),
      });
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return problem(status, status === 401 ? 'A valid admin bearer token is required' : error.message);
    }
    const status = statusOfFastifyError(error);
    if (status) return problem(status, (error as Error).message);
    this.logger.error({ correlationId, err: error }, 'unexpected admin API failure');
    return problem(500, 'The request could not be completed');
  }
}

/** Fastify's own client errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode. */
function statusOfFastifyError(error: unknown): number | undefined {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}
