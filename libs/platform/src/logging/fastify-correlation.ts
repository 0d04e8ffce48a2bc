import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';

/** Fastify server options that make its request id the correlation id (taken from X-Request-Id or generated). */
export const fastifyCorrelationOptions = {
  requestIdHeader: false as const,
  genReqId: (req: IncomingMessage) => correlationIdFrom(req.headers[CORRELATION_HEADER]),
};

/** Returns the correlation id on every response, errors and 404s included. */
export function echoCorrelationId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_HEADER, request.id);
    done();
  });
}
