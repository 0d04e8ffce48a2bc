import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import { ROOT_LOGGER } from './root-logger';

export interface LoggingOptions {
  readonly service: string;
  readonly level: string;
  /** Where log lines go; stdout when absent. Tests pass a stream to read the lines back. */
  readonly destination?: DestinationStream;
}

/** Header and body fields that may hold secrets; pino replaces them before a line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
];

export function pinoOptions(options: LoggingOptions): LoggerOptions {
  return {
    level: options.level,
    base: { service: options.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
}

@Module({})
class PlatformLoggingModule {}

/**
 * nestjs-pino configured for JSON lines, with no per-request middleware (pino-http costs a child logger
 * and an AsyncLocalStorage scope per request). A NATS service gets its per-message child logger from
 * ContextualNatsServer; the HTTP gateway writes request lines with `logHttpRequests` and puts the
 * request's correlation id on the lines it writes itself.
 */
export function createLoggerModule(options: LoggingOptions): DynamicModule {
  const logger = pino(pinoOptions(options), options.destination ?? pino.destination({ sync: false }));
  return {
    module: PlatformLoggingModule,
    global: true,
    // No route takes nestjs-pino's pino-http middleware: its Logger and PinoLogger write through `logger`.
    imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] })],
    providers: [{ provide: ROOT_LOGGER, useValue: logger }],
    exports: [ROOT_LOGGER],
  };
}
