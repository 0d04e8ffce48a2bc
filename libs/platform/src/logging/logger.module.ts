import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import { ROOT_LOGGER, RpcLoggingInterceptor } from './rpc-logging.interceptor';

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
 * nestjs-pino configured for JSON lines. A NATS service (no `http` option) runs every handler with a child
 * logger carrying the caller's correlation id (RpcLoggingInterceptor). An HTTP app gets no per-request
 * middleware or interceptor: those cost a pino child, an AsyncLocalStorage scope and an AsyncResource per
 * request on the hot path; it writes its request lines with `logHttpRequests` and puts the request's
 * correlation id on the lines it writes itself.
 */
export function createLoggerModule(options: LoggingOptions & { readonly http?: boolean }): DynamicModule {
  const logger = pino(pinoOptions(options), options.destination ?? pino.destination({ sync: false }));
  return {
    module: PlatformLoggingModule,
    global: true,
    // No route takes nestjs-pino's pino-http middleware: its Logger and PinoLogger write through `logger`.
    imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] })],
    providers: [{ provide: ROOT_LOGGER, useValue: logger }, ...(options.http ? [] : [{ provide: APP_INTERCEPTOR, useClass: RpcLoggingInterceptor }])],
    exports: [ROOT_LOGGER],
  };
}
