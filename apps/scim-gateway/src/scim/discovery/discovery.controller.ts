import { Controller, Delete, Get, Inject, Param, Patch, Post, Put, Req, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
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
import { ScimContentTypeInterceptor } from '../http/scim-content-type.interceptor';
import { ScimErrorFilter } from '../http/scim-error.filter';

const DISCOVERY_PATHS = ['ServiceProviderConfig', 'ResourceTypes', 'ResourceTypes/:id', 'Schemas', 'Schemas/:id'];

/** RFC 7644 §4 discovery: read-only documents generated from the schemas the server really implements. */
@Controller(SCIM_PREFIX)
@UseGuards(ScimGate)
@UseFilters(ScimErrorFilter)
@UseInterceptors(ScimContentTypeInterceptor)
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

  // One handler per verb: Nest keeps only the last method decorator on a handler.
  @Post(DISCOVERY_PATHS)
  post(): never {
    return readOnly();
  }

  @Put(DISCOVERY_PATHS)
  put(): never {
    return readOnly();
  }

  @Patch(DISCOVERY_PATHS)
  patch(): never {
    return readOnly();
  }

  @Delete(DISCOVERY_PATHS)
  delete(): never {
    return readOnly();
  }

  private baseUrl(request: FastifyRequest): string {
    return scimBaseUrl(request, this.config.PUBLIC_BASE_URL);
  }
}

function readOnly(): never {
  throw new ScimError(405, undefined, 'Discovery endpoints are read-only');
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
