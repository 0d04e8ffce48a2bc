import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ROOT_LOGGER } from '../logging/root-logger';
import { natsMicroserviceOptions, type NatsConnectionConfig } from '../nats/nats-transport';

export interface NatsServiceOptions extends NatsConnectionConfig {
  readonly queue: string;
  readonly gracePeriodMs: number;
}

/**
 * Creates and starts a NATS microservice with pino as its logger and shutdown hooks, so SIGTERM/SIGINT
 * unsubscribe first, let in-flight handlers finish within the grace period, then close the connection.
 */
export async function startNatsService(module: unknown, options: NatsServiceOptions): Promise<INestMicroservice> {
  const transport = natsMicroserviceOptions(options);
  const app = await NestFactory.createMicroservice(module as never, { ...transport, bufferLogs: true });
  app.useLogger(app.get(Logger));
  transport.strategy.useRootLogger(app.get(ROOT_LOGGER));
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
