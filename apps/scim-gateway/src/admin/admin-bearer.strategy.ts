import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Actor } from '@scim/contracts';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-http-bearer';
import { GATEWAY_CONFIG } from '../app/gateway-config.token';
import { bearerTokenOf } from '../http/bearer-token';
import type { GatewayConfig } from '../config';

export const ADMIN_STRATEGY = 'admin-bearer';

/**
 * The admin API's credential: the ADMIN_TOKEN bearer, compared in constant time (hashes of equal length), from
 * the Authorization header only. passport-http-bearer also takes `access_token` from the query string or the
 * body (RFC 6750 §2.2-2.3, which says not to): a URL ends up in logs and browser history.
 */
@Injectable()
export class AdminBearerStrategy extends PassportStrategy(Strategy, ADMIN_STRATEGY) {
  private readonly expected: Buffer;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super({ passReqToCallback: true });
    this.expected = sha256(config.ADMIN_TOKEN);
  }

  validate(request: FastifyRequest, token: string): Actor | false {
    if (bearerTokenOf(request.headers.authorization) !== token) return false;
    return timingSafeEqual(sha256(token), this.expected) ? { type: 'admin', id: 'admin' } : false;
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
