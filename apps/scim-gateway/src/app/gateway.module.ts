import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ProblemDetailsFilter } from '../admin/problem-details.filter';
import { RoutingExceptionFilter } from '../http/routing-exception.filter';
import { ScimErrorFilter } from '../scim/http/scim-error.filter';
import { createLoggerModule, NatsClientModule } from '@scim/platform';
import type { DestinationStream } from 'pino';
import { AdminApiModule } from '../admin/admin-api.module';
import type { GatewayConfig } from '../config';
import { ScimApiModule } from '../scim/scim.module';
import { HealthController } from '../health/health.controller';
import { ReadinessService } from '../health/readiness.service';
import { GATEWAY_CONFIG } from './gateway-config.token';

export interface GatewayRuntime {
  /** Where log lines go (stdout when absent); tests pass a capture stream. */
  readonly logDestination?: DestinationStream;
}

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, runtime: GatewayRuntime = {}): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [
        createLoggerModule({
          service: 'scim-gateway',
          level: config.LOG_LEVEL,
          destination: runtime.logDestination,
        }),
        NatsClientModule.register({
          servers: config.NATS_URL,
          name: 'scim-gateway',
          requestTimeoutMs: config.NATS_REQUEST_TIMEOUT_MS,
          // A gateway's own user-write notices need not come back to it: it has recorded the position already.
          noEcho: true,
        }),
        AdminApiModule,
        ScimApiModule,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        ReadinessService,
        ScimErrorFilter,
        ProblemDetailsFilter,
        { provide: APP_FILTER, useClass: RoutingExceptionFilter },
      ],
      exports: [GATEWAY_CONFIG],
      controllers: [HealthController],
    };
  }
}
