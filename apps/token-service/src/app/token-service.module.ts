import { type DynamicModule, Module } from '@nestjs/common';
import { TOKEN_EVENT_DEFINITIONS, TokenHealthPing } from '@scim/contracts';
import { EventStoreModule, type EventStorePort } from '@scim/event-store';
import { createLoggerModule, healthPingController, NatsClientModule } from '@scim/platform';
import { TokensModule } from '../tokens/tokens.module';
import type { DestinationStream } from 'pino';
import type { TokenServiceConfig } from '../config';

export interface TokenServiceRuntime {
  /** Where log lines go (stdout when absent); tests pass a capture stream. */
  readonly logDestination?: DestinationStream;
  /** An event store to use instead of connecting to EVENT_STORE_URL (tests). */
  readonly eventStore?: EventStorePort;
}

@Module({})
export class TokenServiceModule {
  static register(config: TokenServiceConfig, runtime: TokenServiceRuntime = {}): DynamicModule {
    return {
      module: TokenServiceModule,
      imports: [
        createLoggerModule({ service: 'token-service', level: config.LOG_LEVEL, destination: runtime.logDestination }),
        runtime.eventStore
          ? EventStoreModule.forStore(runtime.eventStore)
          : EventStoreModule.register({ url: config.EVENT_STORE_URL, definitions: TOKEN_EVENT_DEFINITIONS }),
        NatsClientModule.register({ servers: config.NATS_URL, name: 'token-service-client', requestTimeoutMs: 5_000 }),
        TokensModule,
      ],
      controllers: [healthPingController('token-service', TokenHealthPing)],
    };
  }
}
