import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { RpcErrorCode } from '@scim/contracts';
import { RequestRefusedError, ROOT_LOGGER, RpcCallError } from '@scim/platform';
import { isScimError, ScimError, toScimErrorBody, type ScimErrorType } from '@scim/scim';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { RefusedBodyError } from '../../http/refused-body';
import { HTTP_STATUS_OF, RETRY_AFTER_SECONDS } from '../../http/rpc-error-status';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

const SCIM_TYPE_OF: Partial<Record<RpcErrorCode, ScimErrorType>> = {
  VALIDATION_FAILED: 'invalidValue',
  INVALID_VALUE: 'invalidValue',
  UNIQUENESS: 'uniqueness',
  MUTABILITY: 'mutability',
};

/** Every error under /scim/v2 as a SCIM error body (RFC 7644 §3.12); unexpected ones are logged, never echoed. */
@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  private readonly logger: Logger;

  constructor(@Inject(ROOT_LOGGER) root: Logger) {
    this.logger = root.child({ context: 'ScimApi' });
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const scimError = this.toScimError(error, host.switchToHttp().getRequest<FastifyRequest>().id);
    if (scimError.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    if (error instanceof RefusedBodyError) reply.headers(error.responseHeaders);
    // RFC 6750 §3 and RFC 9110 §11.6.1: a 401 names the scheme. No error code: the gate never says why.
    if (scimError.status === 401) reply.header('www-authenticate', 'Bearer realm="scim"');
    reply.status(scimError.status).header('content-type', SCIM_CONTENT_TYPE).send(toScimErrorBody(scimError));
  }

  private toScimError(error: unknown, correlationId: string): ScimError {
    if (isScimError(error)) return error;
    if (error instanceof RpcCallError) {
      const status = HTTP_STATUS_OF[error.code];
      if (status >= 500) {
        this.logger.warn({ correlationId, subject: error.subject, code: error.code, failure: error.transportFailure }, error.message);
        return new ScimError(status, undefined, status === 503 ? 'The service is temporarily unavailable; retry later' : 'Internal error');
      }
      const detail = detailOf(error);
      const onFilter = error.code === 'VALIDATION_FAILED' && error.issues?.some((issue) => issue.path === 'filter');
      return new ScimError(status, onFilter ? 'invalidFilter' : SCIM_TYPE_OF[error.code], detail);
    }
    if (error instanceof RefusedBodyError) return new ScimError(error.statusCode, error.statusCode === 400 ? 'invalidSyntax' : undefined, error.message);
    if (error instanceof HttpException) {
      const status = error.getStatus();
      // Our own validation throws ScimErrors; a bare 400 here comes from parsing the body.
      if (status === 400 || status === 415) return unreadableBody(status, error.message);
      return new ScimError(status, undefined, status === 401 ? 'Authorization failure' : error.message);
    }
    const fastifyStatus = (error as { statusCode?: unknown } | null)?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return fastifyStatus === 400 || fastifyStatus === 415
        ? unreadableBody(fastifyStatus, (error as Error).message)
        : new ScimError(fastifyStatus, undefined, (error as Error).message);
    }
    this.logger.error({ correlationId, err: error }, 'unexpected SCIM API failure');
    return new ScimError(500, undefined, 'Internal error');
  }
}

/** The fields of the gateway's requests that carry the client's user: an issue under them names a SCIM attribute. */
const USER_FIELD = /^(?:user|changes)\./;

/**
 * A refused call in the client's terms. A request refused by its contract names the attributes (or query
 * parameters) at fault, never the internal subject; a service's own error says what is wrong in its message,
 * followed by whatever issues the message does not already name.
 */
function detailOf(error: RpcCallError): string {
  const issues = error.issues ?? [];
  if (error instanceof RequestRefusedError && issues.length > 0) {
    return issues.map((issue) => `"${issue.path.replace(USER_FIELD, '')}": ${issue.message}`).join('; ');
  }
  const unnamed = issues.filter((issue) => !error.message.includes(issue.message));
  return [error.message, ...unnamed.map((issue) => `${issue.path}: ${issue.message}`)].join('; ');
}

/**
 * A body refused while it was parsed, in the client's terms: Fastify's own wording names
 * `application/json` even when the client sent `application/scim+json`.
 */
function unreadableBody(status: 400 | 415, parserMessage: string): ScimError {
  if (status === 415) return new ScimError(415, undefined, 'Request bodies must be JSON: send Content-Type: application/scim+json (or application/json)');
  if (/not valid JSON/i.test(parserMessage)) return new ScimError(400, 'invalidSyntax', 'The request body is not valid JSON');
  return new ScimError(400, 'invalidSyntax', `The request body could not be read: ${parserMessage}`);
}
