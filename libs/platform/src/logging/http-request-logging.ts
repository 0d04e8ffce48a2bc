import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { loggableUrl } from './loggable-url';

const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One JSON line per HTTP request once its response is sent (probes excepted), with the correlation id
 * (Fastify's request id, see fastifyCorrelationOptions), method, URL (query values redacted, see loggableUrl),
 * client address, status and time.
 */
export function logHttpRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (!PROBE_PATHS.has(path)) {
      logger.info(
        {
          correlationId: request.id,
          req: { method: request.method, url: loggableUrl(request.url), remoteAddress: request.ip },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime * 100) / 100,
        },
        'request completed',
      );
    }
    done();
  });
}
