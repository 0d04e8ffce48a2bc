import type { FastifyInstance } from 'fastify';
import { SCIM_ERROR_SCHEMA } from '@scim/scim';
import { SCIM_CONTENT_TYPE } from './scim-error.filter';

interface ScimEndpoint {
  /** The path without its query, matched ignoring case as the router does. */
  readonly path: RegExp;
  readonly allow: readonly string[];
}

/** The methods each SCIM endpoint answers (users.controller and the discovery controllers); HEAD goes with GET. */
const SCIM_ENDPOINTS: readonly ScimEndpoint[] = [
  { path: /^\/scim\/v2\/(?:ServiceProviderConfig|ResourceTypes|Schemas)(?:\/.*)?$/i, allow: ['GET'] },
  { path: /^\/scim\/v2\/Users\/\.search$/i, allow: ['POST'] },
  { path: /^\/scim\/v2\/Users$/i, allow: ['GET', 'POST'] },
  { path: /^\/scim\/v2\/Users\/[^/]+$/i, allow: ['GET', 'PUT', 'PATCH', 'DELETE'] },
];

const SCIM_PATH = /^\/scim\/v2\//i;

/** The methods `url` answers, or undefined for a path that is no SCIM endpoint (a 404 then). */
export function allowedScimMethods(url: string): readonly string[] | undefined {
  if (!SCIM_PATH.test(url)) return undefined;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return SCIM_ENDPOINTS.find((endpoint) => endpoint.path.test(path))?.allow;
}

/**
 * A method an existing SCIM endpoint does not answer is 405 with `Allow` (RFC 9110 §15.5.6; RFC 7644 §4 for
 * the read-only discovery endpoints), not "not found". Decided before the body is parsed, so a write with an
 * unreadable body is still told "not allowed" rather than "bad JSON".
 */
export function refuseUnsupportedScimMethods(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const allow = allowedScimMethods(request.url);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (!allow || allow.includes(method)) return done();
    reply
      .status(405)
      .header('allow', allow.join(', '))
      .header('content-type', SCIM_CONTENT_TYPE)
      .send({ schemas: [SCIM_ERROR_SCHEMA], status: '405', detail: `${request.method} is not supported here: this endpoint answers ${allow.join(', ')}` });
  });
}
