import type { INestMicroservice } from '@nestjs/common';
import { QueueGroup } from '@scim/contracts';
import { startNatsService } from '@scim/platform';
import type { TokenServiceConfig } from '../config';
import { TokenServiceModule, type TokenServiceRuntime } from './token-service.module';

export function startTokenService(config: TokenServiceConfig, runtime: TokenServiceRuntime = {}): Promise<INestMicroservice> {
  return startNatsService(TokenServiceModule.register(config, runtime), {
    servers: config.NATS_URL,
    name: 'token-service',
    queue: QueueGroup['token-service'],
    gracePeriodMs: config.SHUTDOWN_GRACE_MS,
  });
}
