import {
  findByName,
  type AttributeDefinition,
  type ResourceTypeDefinition,
  type SchemaDefinition,
} from './attribute-definition';

/** A canonical (schema's casing), fully qualified attribute path: `schema` URN, attribute, optional sub-attribute. */
export interface AttributePath {
  readonly schema: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

export type PathResolution =
  | {
      readonly kind: 'attribute';
      readonly path: AttributePath;
      readonly attribute: AttributeDefinition;
      readonly subAttribute?: AttributeDefinition;
    }
  /** A bare schema URN, e.g. `urn:...:extension:braze:2.0:User` (the whole extension object). */
  | { readonly kind: 'schema'; readonly schema: SchemaDefinition }
  | { readonly kind: 'unknown'; readonly reason: string };

export function schemasOf(resourceType: ResourceTypeDefinition): readonly SchemaDefinition[] {
  return [resourceType.schema, ...resourceType.schemaExtensions.map((extension) => extension.schema)];
}

export function isCoreSchema(resourceType: ResourceTypeDefinition, schemaId: string): boolean {
  return resourceType.schema.id === schemaId;
}

/**
 * Resolves `name`, `name.sub`, `urn:...:name.sub` or a bare schema URN, case-insensitively (RFC 7643 §2.1).
 * An unqualified name is looked up in the core schema first, then in the extensions, so `department`
 * finds the extension attribute (the modelled product sends it at top level).
 */
export function resolveAttributePath(text: string, resourceType: ResourceTypeDefinition): PathResolution {
  const trimmed = text.trim();
  const schemas = schemasOf(resourceType);
  let candidates: readonly SchemaDefinition[] = schemas;
  let rest = trimmed;
  if (trimmed.toLowerCase().startsWith('urn:')) {
    const lower = trimmed.toLowerCase();
    const exact = schemas.find((schema) => schema.id.toLowerCase() === lower);
    if (exact) return { kind: 'schema', schema: exact };
    const prefixed = schemas.find((schema) => lower.startsWith(`${schema.id.toLowerCase()}:`));
    if (!prefixed) return { kind: 'unknown', reason: `unknown schema in "${trimmed}"` };
    candidates = [prefixed];
    rest = trimmed.slice(prefixed.id.length + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((part) => !/^[A-Za-z][\w$-]*$/.test(part))) {
    return { kind: 'unknown', reason: `"${trimmed}" is not an attribute path this server supports` };
  }
  for (const schema of candidates) {
    const attribute = findByName(schema.attributes, parts[0]);
    if (!attribute) continue;
    const path = { schema: schema.id, attribute: attribute.name };
    if (parts.length === 1) return { kind: 'attribute', path, attribute };
    const subAttribute = findByName(attribute.subAttributes, parts[1]);
    if (!subAttribute) return { kind: 'unknown', reason: `unknown attribute "${trimmed}"` };
    return { kind: 'attribute', path: { ...path, subAttribute: subAttribute.name }, attribute, subAttribute };
  }
  return { kind: 'unknown', reason: `unknown attribute "${trimmed}"` };
}

export function formatAttributePath(path: AttributePath, resourceType: ResourceTypeDefinition): string {
  const local = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return isCoreSchema(resourceType, path.schema) ? local : `${path.schema}:${local}`;
}

/** The definitions along a canonical path (undefined if the path is not in the resource type). */
export function definitionsAt(path: AttributePath, resourceType: ResourceTypeDefinition) {
  const resolution = resolveAttributePath(formatAttributePath(path, resourceType), resourceType);
  return resolution.kind === 'attribute' ? resolution : undefined;
}
