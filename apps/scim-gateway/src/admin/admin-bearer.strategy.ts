import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Actor } from '@scim/contracts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Strategy } from 'passport-http-bearer';
import { GATEWAY_CONFIG } from '../app/gateway-config.token';
import type { GatewayConfig } from '../config';

export const ADMIN_STRATEGY = 'admin-bearer';

/** The admin API's credential: the ADMIN_TOKEN bearer, compared in constant time (hashes of equal length). */
@Injectable()
export class AdminBearerStrategy extends PassportStrategy(Strategy, ADMIN_STRATEGY) {
  private readonly expected: Buffer;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super();
    this.expected = sha256(config.ADMIN_TOKEN);
  }

  validate(token: string): Actor | false {
    return timingSafeEqual(sha256(token), this.expected) ? { type: 'admin', id: 'admin' } : false;
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
