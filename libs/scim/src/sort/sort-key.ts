import { getIgnoringCase, isJsonObject, containerOf, type JsonObject } from '../resource';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/attribute-definition';
import { definitionsAt, type AttributePath } from '../schemas/attribute-path';
import { ScimError } from '../errors';

/**
 * The value a resource sorts by: for a multi-valued attribute the primary value (else the first one,
 * RFC 7644 §3.4.2.3); strings folded unless caseExact, dateTimes as instants, booleans as 0/1.
 */
export function sortKey(
  resource: JsonObject,
  path: AttributePath,
  resourceType: ResourceTypeDefinition,
): string | number | undefined {
  const { attribute, subAttribute } = definitionsOrFail(path, resourceType);
  const container = containerOf(resource, path.schema, resourceType);
  let value = container ? getIgnoringCase(container, attribute.name) : undefined;
  if (Array.isArray(value)) value = value.find((item) => isJsonObject(item) && item['primary'] === true) ?? value[0];
  if (subAttribute) value = isJsonObject(value) ? getIgnoringCase(value, subAttribute.name) : undefined;
  return normalise(subAttribute ?? attribute, value);
}

function normalise(definition: AttributeDefinition, value: unknown): string | number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (definition.type) {
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) : undefined;
    case 'dateTime': {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(time) ? undefined : time;
    }
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : undefined;
    default:
      if (typeof value !== 'string') return undefined;
      return definition.caseExact ? value : value.toLowerCase();
  }
}

export function definitionsOrFail(path: AttributePath, resourceType: ResourceTypeDefinition) {
  const definitions = definitionsAt(path, resourceType);
  if (!definitions) throw ScimError.badRequest('invalidValue', `Cannot sort by "${path.attribute}"`);
  return definitions;
}
