import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { echoCorrelationId, fastifyCorrelationOptions, logHttpRequests, ROOT_LOGGER } from '@scim/platform';
import { Logger } from 'nestjs-pino';
import type { GatewayConfig } from '../config';
import { checkAdminTokenBeforeBodies } from '../admin/admin-before-body.hook';
import { AdminBearerStrategy } from '../admin/admin-bearer.strategy';
import { jsonBodyParser } from '../http/json-body-parser';
import { answerClientError, answerFrameworkError } from '../http/pre-routing-errors';
import { gateScimRequestsBeforeTheirBodies } from '../scim/gate/gate-before-body.hook';
import { decorateScimRequests, ScimGate } from '../scim/gate/scim-gate.guard';
import { refuseUnsupportedScimMethods } from '../scim/http/scim-allowed-methods.hook';
import { answerScimAsScimJson } from '../scim/http/scim-content-type.hook';
import { withoutScimTrailingSlash } from '../scim/http/scim-url';
import { GatewayModule, type GatewayRuntime } from './gateway.module';

/** Node's default limit for a request line and its headers together (--max-http-header-size). */
const MAX_PATH_PARAMETER_LENGTH = 16 * 1024;

/**
 * Builds the HTTP gateway on Fastify (initialised, not yet listening). Fastify's own request logging is off:
 * logHttpRequests writes one line per request with the correlation id (LOG_REQUESTS). Only the configured proxies may set the client IP.
 */
export async function createGatewayApp(config: GatewayConfig, runtime: GatewayRuntime = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    ...fastifyCorrelationOptions,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Fastify's default is no limit: a client trickling a body in (or never finishing it) would hold its
    // connection and parser for good. Node checks open requests every connectionsCheckingInterval, and enforces
    // requestTimeout only while headersTimeout is not longer than it.
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    http: {
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeout: Math.min(60_000, config.HTTP_REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.min(5_000, Math.ceil(config.HTTP_REQUEST_TIMEOUT_MS / 4)),
    },
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    logger: false,
    return503OnClosing: true,
    // SCIM clients differ in spelling: Microsoft's tests call /scim/v2/users and /Users/?filter=...
    // A path parameter as long as a whole request line may be still reaches its route: an id of 5,000
    // characters is a user that does not exist (404), not a URL that is too long.
    routerOptions: { caseSensitive: false, maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    rewriteUrl: (request: IncomingMessage) => withoutScimTrailingSlash(request.url ?? '/'),
    frameworkErrors: answerFrameworkError,
    // No Nest middleware here (guards and Fastify hooks do that work): no middie pass on every request.
    skipMiddie: true,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config, runtime), adapter, {
    bufferLogs: true,
    // The body parsers are ours (below); Nest's would replace the JSON one at init.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  echoCorrelationId(fastify);
  decorateScimRequests(fastify);
  refuseUnsupportedScimMethods(fastify);
  gateScimRequestsBeforeTheirBodies(fastify, app.get(ScimGate, { strict: false }));
  checkAdminTokenBeforeBodies(fastify, app.get(AdminBearerStrategy, { strict: false }));
  answerScimAsScimJson(fastify);
  if (config.LOG_REQUESTS) logHttpRequests(fastify, app.get(ROOT_LOGGER));
  // SCIM clients send application/scim+json; parse it exactly like JSON (with prototype-poisoning protection).
  // JSON is all either API takes: any other body (text, forms) is 415, not a string a route might misread.
  const parseJson = jsonBodyParser(fastify.getDefaultJsonParser('error', 'error'));
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  fastify.addContentTypeParser('application/scim+json', { parseAs: 'string' }, parseJson);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
