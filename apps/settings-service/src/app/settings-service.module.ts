import { type DynamicModule, Module } from '@nestjs/common';
import { COMPANY_EVENT_DEFINITIONS, SettingsHealthPing } from '@scim/contracts';
import { EventStoreModule, type EventStorePort } from '@scim/event-store';
import { createLoggerModule, healthPingController, NatsClientModule } from '@scim/platform';
import { CompanyModule } from '../company/company.module';
import { USERS_EVENT_DEFINITIONS, UsersModule, type UsersModuleOptions } from '../users/users.module';
import type { DestinationStream } from 'pino';
import type { SettingsServiceConfig } from '../config';

export interface SettingsServiceRuntime {
  /** Where log lines go (stdout when absent); tests pass a capture stream. */
  readonly logDestination?: DestinationStream;
  /** An event store to use instead of connecting to EVENT_STORE_URL (tests). */
  readonly eventStore?: EventStorePort;
  /** Overrides of the users module (tests: in-memory key store and read model). */
  readonly users?: Partial<Omit<UsersModuleOptions, 'dataDir'>>;
}

/** Every event type settings-service writes or reads. */
export const SETTINGS_EVENT_DEFINITIONS = [...COMPANY_EVENT_DEFINITIONS, ...USERS_EVENT_DEFINITIONS];

@Module({})
export class SettingsServiceModule {
  static register(config: SettingsServiceConfig, runtime: SettingsServiceRuntime = {}): DynamicModule {
    return {
      module: SettingsServiceModule,
      imports: [
        createLoggerModule({ service: 'settings-service', level: config.LOG_LEVEL, destination: runtime.logDestination }),
        runtime.eventStore
          ? EventStoreModule.forStore(runtime.eventStore)
          : EventStoreModule.register({ url: config.EVENT_STORE_URL, definitions: SETTINGS_EVENT_DEFINITIONS }),
        NatsClientModule.register({ servers: config.NATS_URL, name: 'settings-service-publisher', requestTimeoutMs: 5_000 }),
        CompanyModule,
        UsersModule.register({ dataDir: config.DATA_DIR, ...runtime.users }),
      ],
      controllers: [healthPingController('settings-service', SettingsHealthPing)],
    };
  }
}
