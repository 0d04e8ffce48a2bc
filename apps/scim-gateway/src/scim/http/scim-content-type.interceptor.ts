import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { SCIM_CONTENT_TYPE } from './scim-error.filter';

/** Every SCIM response is application/scim+json (RFC 7644 §3.1). */
@Injectable()
export class ScimContentTypeInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    execution.switchToHttp().getResponse<FastifyReply>().header('content-type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
    return next.handle();
  }
}
