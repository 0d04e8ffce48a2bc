import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { echoCorrelationId, fastifyCorrelationOptions, logHttpRequests, ROOT_LOGGER } from '@scim/platform';
import { Logger } from 'nestjs-pino';
import type { GatewayConfig } from '../config';
import { refuseWritesToDiscovery } from '../scim/http/read-only-discovery.hook';
import { answerScimAsScimJson } from '../scim/http/scim-content-type.hook';
import { withoutScimTrailingSlash } from '../scim/http/scim-url';
import { GatewayModule, type GatewayRuntime } from './gateway.module';

/**
 * Builds the HTTP gateway on Fastify (initialised, not yet listening). Fastify's own request logging is off:
 * logHttpRequests writes one line per request with the correlation id (LOG_REQUESTS). Only the configured proxies may set the client IP.
 */
export async function createGatewayApp(config: GatewayConfig, runtime: GatewayRuntime = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    ...fastifyCorrelationOptions,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    logger: false,
    return503OnClosing: true,
    // SCIM clients differ in spelling: Microsoft's tests call /scim/v2/users and /Users/?filter=...
    routerOptions: { caseSensitive: false },
    rewriteUrl: (request: IncomingMessage) => withoutScimTrailingSlash(request.url ?? '/'),
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config, runtime), adapter, {
    bufferLogs: true,
  });
  const fastify = app.getHttpAdapter().getInstance();
  echoCorrelationId(fastify);
  refuseWritesToDiscovery(fastify);
  answerScimAsScimJson(fastify);
  if (config.LOG_REQUESTS) logHttpRequests(fastify, app.get(ROOT_LOGGER));
  // SCIM clients send application/scim+json; parse it exactly like JSON (with prototype-poisoning protection).
  fastify.addContentTypeParser('application/scim+json', { parseAs: 'string' }, fastify.getDefaultJsonParser('error', 'error'));
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
