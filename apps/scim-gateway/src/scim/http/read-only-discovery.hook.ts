import type { FastifyInstance } from 'fastify';
import { SCIM_ERROR_SCHEMA } from '@scim/scim';
import { SCIM_CONTENT_TYPE } from './scim-error.filter';

const DISCOVERY = /^\/scim\/v2\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/[^?]*)?(\?.*)?$/;

/**
 * Discovery endpoints are read-only: any other method is 405 (RFC 7644 §4), decided before the body is
 * parsed, so a write with an unreadable body is still told "not allowed" rather than "bad JSON".
 */
export function refuseWritesToDiscovery(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || !DISCOVERY.test(request.url)) return done();
    reply
      .status(405)
      .header('allow', 'GET')
      .header('content-type', SCIM_CONTENT_TYPE)
      .send({ schemas: [SCIM_ERROR_SCHEMA], status: '405', detail: 'Discovery endpoints are read-only' });
  });
}
