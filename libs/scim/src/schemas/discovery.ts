import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './attribute-definition';
import { schemasOf } from './attribute-path';
import { userResourceType } from './user-resource-type';
import { RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA } from './urns';

/** `filter.maxResults`: the most resources one list response returns (`count` is capped to it). */
export const SCIM_MAX_RESULTS = 1000;

export interface DiscoveryOptions {
  /** The SCIM base URL, e.g. `https://host/scim/v2` (a trailing slash is ignored). */
  readonly baseUrl: string;
  readonly resourceTypes?: readonly ResourceTypeDefinition[];
}

function base(options: DiscoveryOptions): string {
  return options.baseUrl.replace(/\/+$/, '');
}

function renderAttribute(definition: AttributeDefinition): Record<string, unknown> {
  return {
    name: definition.name,
    type: definition.type,
    multiValued: definition.multiValued,
    description: definition.description,
    required: definition.required,
    caseExact: definition.caseExact,
    mutability: definition.mutability,
    returned: definition.returned,
    uniqueness: definition.uniqueness,
    ...(definition.canonicalValues ? { canonicalValues: [...definition.canonicalValues] } : {}),
    ...(definition.referenceTypes ? { referenceTypes: [...definition.referenceTypes] } : {}),
    ...(definition.subAttributes ? { subAttributes: definition.subAttributes.map(renderAttribute) } : {}),
  };
}

export function renderSchema(schema: SchemaDefinition, options: DiscoveryOptions): Record<string, unknown> {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(renderAttribute),
    meta: { resourceType: 'Schema', location: `${base(options)}/Schemas/${schema.id}` },
  };
}

/** The resources of `GET /Schemas` (one per schema the resource types use, each listed once). */
export function schemaDocuments(options: DiscoveryOptions): Record<string, unknown>[] {
  const seen = new Map<string, SchemaDefinition>();
  for (const resourceType of options.resourceTypes ?? [userResourceType]) {
    for (const schema of schemasOf(resourceType)) seen.set(schema.id, schema);
  }
  return [...seen.values()].map((schema) => renderSchema(schema, options));
}

/** The resources of `GET /ResourceTypes`. */
export function resourceTypeDocuments(options: DiscoveryOptions): Record<string, unknown>[] {
  return (options.resourceTypes ?? [userResourceType]).map((resourceType) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: resourceType.id,
    name: resourceType.name,
    endpoint: resourceType.endpoint,
    description: resourceType.description,
    schema: resourceType.schema.id,
    schemaExtensions: resourceType.schemaExtensions.map((extension) => ({
      schema: extension.schema.id,
      required: extension.required,
    })),
    meta: { resourceType: 'ResourceType', location: `${base(options)}/ResourceTypes/${resourceType.id}` },
  }));
}

/** `GET /ServiceProviderConfig`: what this server really supports, nothing more. */
export function serviceProviderConfigDocument(options: DiscoveryOptions): Record<string, unknown> {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'The SCIM token generated on the admin settings page, sent as "Authorization: Bearer <token>".',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base(options)}/ServiceProviderConfig` },
  };
}
