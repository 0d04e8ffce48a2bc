import type { FastifyInstance } from 'fastify';
import { SCIM_CONTENT_TYPE } from './scim-error.filter';
import { isScimApiPath } from './scim-url';

/**
 * Every JSON response under /scim/v2 is application/scim+json (RFC 7644 §3.1). A Fastify hook rather
 * than a Nest interceptor: an interceptor costs an rxjs pipeline and an AsyncResource per request.
 */
export function answerScimAsScimJson(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json') && isScimApiPath(request.url)) {
      reply.header('content-type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
    }
    done(null, payload);
  });
}
