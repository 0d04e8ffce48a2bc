import type { ResourceTypeDefinition } from './schemas/attribute-definition';
import { isCoreSchema, type AttributePath } from './schemas/attribute-path';

/** A SCIM resource as plain JSON: core attributes at top level, extension attributes under their URN. */
export type ScimResource = Record<string, unknown>;
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a `schemas` value lists `urn` (URNs compared case-insensitively). */
export function listsSchema(schemas: unknown, urn: string): boolean {
  return Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase());
}

/** The key of `object` that equals `name` ignoring case (attribute names are case-insensitive). */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

export function getIgnoringCase(object: JsonObject, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** The object holding a schema's attributes: the resource itself for the core schema, else `resource[urn]`. */
export function containerOf(
  resource: JsonObject,
  schemaId: string,
  resourceType: ResourceTypeDefinition,
): JsonObject | undefined {
  if (isCoreSchema(resourceType, schemaId)) return resource;
  const container = getIgnoringCase(resource, schemaId);
  return isJsonObject(container) ? container : undefined;
}

/** Every value at `path`, flattened over multi-valued attributes (the "any value matches" reading). */
export function valuesAt(resource: JsonObject, path: AttributePath, resourceType: ResourceTypeDefinition): unknown[] {
  const container = containerOf(resource, path.schema, resourceType);
  if (!container) return [];
  const top = flatten(getIgnoringCase(container, path.attribute));
  if (!path.subAttribute) return top;
  const subAttribute = path.subAttribute;
  return top.flatMap((item) => (isJsonObject(item) ? flatten(getIgnoringCase(item, subAttribute)) : []));
}

function flatten(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((item) => item !== undefined && item !== null) : [value];
}
