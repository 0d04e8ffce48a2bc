import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';
import { ROOT_LOGGER, RpcLoggingInterceptor } from './rpc-logging.interceptor';

export interface LoggingOptions {
  readonly service: string;
  readonly level: string;
  /** Where log lines go; stdout when absent. Tests pass a stream to read the lines back. */
  readonly destination?: DestinationStream;
  /** Log one line per HTTP request (costly on hot paths; off for probes anyway). */
  readonly logRequests?: boolean;
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

const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

@Module({})
class PlatformLoggingModule {}

/**
 * nestjs-pino configured for JSON lines with the correlation id on every line of a request, over HTTP
 * (pino-http) and over NATS (RpcLoggingInterceptor).
 */
export function createLoggerModule(options: LoggingOptions): DynamicModule {
  const logger = pino(pinoOptions(options), options.destination ?? pino.destination({ sync: false }));
  return {
    module: PlatformLoggingModule,
    global: true,
    imports: [httpLoggerModule(options, logger)],
    providers: [
      { provide: ROOT_LOGGER, useValue: logger },
      { provide: APP_INTERCEPTOR, useClass: RpcLoggingInterceptor },
    ],
    exports: [ROOT_LOGGER],
  };
}

function httpLoggerModule(options: LoggingOptions, logger: pino.Logger): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'correlationId' },
      // Fastify assigns the id itself (see fastifyCorrelationOptions); this covers other HTTP adapters.
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = correlationIdFrom(req.headers[CORRELATION_HEADER]);
        res.setHeader(CORRELATION_HEADER, id);
        return id;
      },
      autoLogging: {
        ignore: (req: IncomingMessage & { originalUrl?: string }) =>
          options.logRequests === false || PROBE_PATHS.has((req.originalUrl ?? req.url ?? '').split('?')[0] ?? ''),
      },
      serializers: {
        req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}
