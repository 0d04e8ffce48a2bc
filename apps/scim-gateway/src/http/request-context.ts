import type { Actor, RequestContext } from '@scim/contracts';
import type { FastifyRequest } from 'fastify';

/** The request origin header; older documentation of the modelled product spells it X-Origin-Request. */
export function requestOriginOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-request-origin'] ?? request.headers['x-origin-request'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim() ? value.trim().slice(0, 500) : undefined;
}

/** Who is asking, from where, within which request: travels over NATS into event metadata. */
export function requestContextOf(request: FastifyRequest, actor: Actor): RequestContext {
  return {
    correlationId: request.id,
    causationId: request.id,
    actor,
    sourceIp: request.ip,
    requestOrigin: requestOriginOf(request),
  };
}
