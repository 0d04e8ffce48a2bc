import type { INestMicroservice } from '@nestjs/common';
import { QueueGroup } from '@scim/contracts';
import { startNatsService } from '@scim/platform';
import type { SettingsServiceConfig } from '../config';
import { SettingsServiceModule, type SettingsServiceRuntime } from './settings-service.module';

export function startSettingsService(config: SettingsServiceConfig, runtime: SettingsServiceRuntime = {}): Promise<INestMicroservice> {
  return startNatsService(SettingsServiceModule.register(config, runtime), {
    servers: config.NATS_URL,
    name: 'settings-service',
    queue: QueueGroup['settings-service'],
    gracePeriodMs: config.SHUTDOWN_GRACE_MS,
  });
}
