import type { FastifyInstance } from 'fastify';
import { isScimApiPath } from '../http/scim-url';
import type { ScimGate, ScimRequest } from './scim-gate.guard';

/**
 * Runs the SCIM gate before a request's body is read: a caller without a valid token is told 401 whatever it
 * sent, and its body (up to 1 MiB) is never read or parsed. Fastify parses bodies before Nest's guards run,
 * so without this a malformed, compressed or oversized body was answered 400/415/413 ahead of the 401.
 * Unknown paths under /scim/v2 are gated too: only a known caller learns that they do not exist.
 */
export function gateScimRequestsBeforeTheirBodies(fastify: FastifyInstance, gate: ScimGate): void {
  fastify.addHook('preParsing', async (request, reply, payload) => {
    if (isScimApiPath(request.url)) await gate.authorize(request as ScimRequest, reply);
    return payload;
  });
}
