import { Controller, Get, Inject, Param, Req, UseFilters, UseGuards } from '@nestjs/common';
import {
  LIST_RESPONSE_SCHEMA,
  resourceTypeDocuments,
  schemaDocuments,
  ScimError,
  serviceProviderConfigDocument,
} from '@scim/scim';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG } from '../../app/gateway-config.token';
import type { GatewayConfig } from '../../config';
import { ScimGate } from '../gate/scim-gate.guard';
import { scimBaseUrl, SCIM_PREFIX } from '../http/scim-base-url';
import { ScimErrorFilter } from '../http/scim-error.filter';

/**
 * RFC 7644 §4 discovery: documents generated from the schemas the server really implements. Writes are
 * refused with 405 before routing (refuseUnsupportedScimMethods).
 */
@Controller(SCIM_PREFIX)
@UseGuards(ScimGate)
@UseFilters(ScimErrorFilter)
export class DiscoveryController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Req() request: FastifyRequest) {
    return serviceProviderConfigDocument({ baseUrl: this.baseUrl(request) });
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() request: FastifyRequest) {
    return listOf(resourceTypeDocuments({ baseUrl: this.baseUrl(request) }));
  }

  @Get('ResourceTypes/:id')
  resourceType(@Req() request: FastifyRequest, @Param('id') id: string) {
    return findById(resourceTypeDocuments({ baseUrl: this.baseUrl(request) }), id, 'resource type');
  }

  @Get('Schemas')
  schemas(@Req() request: FastifyRequest) {
    return listOf(schemaDocuments({ baseUrl: this.baseUrl(request) }));
  }

  @Get('Schemas/:id')
  schema(@Req() request: FastifyRequest, @Param('id') id: string) {
    return findById(schemaDocuments({ baseUrl: this.baseUrl(request) }), id, 'schema');
  }

  private baseUrl(request: FastifyRequest): string {
    return scimBaseUrl(request, this.config.PUBLIC_BASE_URL);
  }
}

function listOf(resources: Record<string, unknown>[]) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

function findById(documents: Record<string, unknown>[], id: string, what: string): Record<string, unknown> {
  const found = documents.find((document) => document['id'] === id);
  if (!found) throw new ScimError(404, undefined, `No ${what} ${id}`);
  return found;
}
