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

/**
 * The endpoints that do not answer GET. A GET (the commonest request) can only be refused by one of them, so it
 * is checked against these alone unless one matches; the whole table then decides, in its order.
 */
const REFUSING_GET = SCIM_ENDPOINTS.filter((endpoint) => !endpoint.allow.includes('GET'));

const SCIM_PATH = /^\/scim\/v2\//i;

/** The methods `url` answers, or undefined for a path that is no SCIM endpoint (a 404 then). */
export function allowedScimMethods(url: string): readonly string[] | undefined {
  if (!SCIM_PATH.test(url)) return undefined;
  const path = pathOf(url);
  return SCIM_ENDPOINTS.find((endpoint) => endpoint.path.test(path))?.allow;
}

/** What `url` answers when it refuses `method`; undefined when it answers it, or is no SCIM endpoint. */
export function refusedScimMethod(method: string, url: string): readonly string[] | undefined {
  const asked = method === 'HEAD' ? 'GET' : method;
  if (asked === 'GET' && !REFUSING_GET.some((endpoint) => endpoint.path.test(pathOf(url)))) return undefined;
  const allow = allowedScimMethods(url);
  return allow && !allow.includes(asked) ? allow : undefined;
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * A method an existing SCIM endpoint does not answer is 405 with `Allow` (RFC 9110 §15.5.6; RFC 7644 §4 for
 * the read-only discovery endpoints), not "not found". Decided before the body is parsed, so a write with an
 * unreadable body is still told "not allowed" rather than "bad JSON".
 */
export function refuseUnsupportedScimMethods(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const allow = refusedScimMethod(request.method, request.url);
    if (!allow) return done();
    reply
      .status(405)
      .header('allow', allow.join(', '))
      .header('content-type', SCIM_CONTENT_TYPE)
      .send({ schemas: [SCIM_ERROR_SCHEMA], status: '405', detail: `${request.method} is not supported here: this endpoint answers ${allow.join(', ')}` });
  });
}
