import { type DynamicModule, Module } from '@nestjs/common';
import { TokenHealthPing } from '@scim/contracts';
import { createLoggerModule, healthPingController } from '@scim/platform';
import type { DestinationStream } from 'pino';
import type { TokenServiceConfig } from '../config';

export interface TokenServiceRuntime {
  /** Where log lines go (stdout when absent); tests pass a capture stream. */
  readonly logDestination?: DestinationStream;
}

@Module({})
export class TokenServiceModule {
  static register(config: TokenServiceConfig, runtime: TokenServiceRuntime = {}): DynamicModule {
    return {
      module: TokenServiceModule,
      imports: [
        createLoggerModule({ service: 'token-service', level: config.LOG_LEVEL, destination: runtime.logDestination }),
      ],
      controllers: [healthPingController('token-service', TokenHealthPing)],
    };
  }
}
