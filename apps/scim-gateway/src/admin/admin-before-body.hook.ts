import { UnauthorizedException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { bearerTokenOf } from '../http/bearer-token';
import type { AdminBearerStrategy } from './admin-bearer.strategy';

const ADMIN_API_PATH = /^\/admin\/v1\//i;
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Checks the admin token before a write's body is read, as the SCIM gate does for its API: a caller without it
 * gets 401 whatever it sent, and its body is never parsed. Every admin route that takes a body is behind the
 * admin guard, which stays the check of record; reads (the public OpenAPI document among them) are left to it.
 */
export function checkAdminTokenBeforeBodies(fastify: FastifyInstance, strategy: AdminBearerStrategy): void {
  // Callback style: the check is synchronous, and every request (SCIM GETs included) passes through here.
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    if (BODYLESS.has(request.method) || !ADMIN_API_PATH.test(request.url)) return done(null, payload);
    const token = bearerTokenOf(request.headers.authorization);
    if (token === undefined || !strategy.validate(request, token)) return done(new UnauthorizedException());
    done(null, payload);
  });
}
