import { type DynamicModule, Module } from '@nestjs/common';
import { SettingsHealthPing } from '@scim/contracts';
import { createLoggerModule, healthPingController } from '@scim/platform';
import type { DestinationStream } from 'pino';
import type { SettingsServiceConfig } from '../config';

export interface SettingsServiceRuntime {
  /** Where log lines go (stdout when absent); tests pass a capture stream. */
  readonly logDestination?: DestinationStream;
}

@Module({})
export class SettingsServiceModule {
  static register(config: SettingsServiceConfig, runtime: SettingsServiceRuntime = {}): DynamicModule {
    return {
      module: SettingsServiceModule,
      imports: [
        createLoggerModule({ service: 'settings-service', level: config.LOG_LEVEL, destination: runtime.logDestination }),
      ],
      controllers: [healthPingController('settings-service', SettingsHealthPing)],
    };
  }
}
