import { ScimError } from '../errors';
import { isPresent } from '../filter/evaluate-filter';
import { containerOf, findKey, getIgnoringCase, isJsonObject, type JsonObject } from '../resource';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/attribute-definition';
import { formatAttributePath, isCoreSchema, schemasOf } from '../schemas/attribute-path';

/**
 * Tidies a patched resource: unassigned values (null, "", [], {}) are removed, multi-valued values that
 * lost their `value` are dropped, extension objects appear in `schemas` exactly when they hold something,
 * and a required attribute that was present must still be (else 400 mutability).
 */
export function finaliseResource(draft: JsonObject, original: JsonObject, resourceType: ResourceTypeDefinition): JsonObject {
  for (const schema of schemasOf(resourceType)) {
    const holder = containerOf(draft, schema.id, resourceType);
    if (holder) for (const attribute of schema.attributes) prune(holder, attribute);
    if (isCoreSchema(resourceType, schema.id)) continue;
    const key = findKey(draft, schema.id);
    if (key !== undefined && (!holder || !isPresent(holder))) delete draft[key];
    syncSchemas(draft, schema.id, key !== undefined && !!holder && isPresent(holder));
  }
  checkRequired(draft, original, resourceType);
  return draft;
}

function prune(holder: JsonObject, definition: AttributeDefinition): void {
  const key = findKey(holder, definition.name);
  if (key === undefined) return;
  const value = holder[key];
  if (Array.isArray(value)) {
    const keyed = definition.subAttributes?.some((sub) => sub.name === 'value');
    const kept = value.filter((item) => {
      if (isJsonObject(item)) for (const sub of definition.subAttributes ?? []) prune(item, sub);
      return isPresent(item) && (!keyed || !isJsonObject(item) || isPresent(getIgnoringCase(item, 'value')));
    });
    if (kept.length > 0) holder[key] = kept;
    else delete holder[key];
  } else if (isJsonObject(value) && definition.type === 'complex') {
    for (const sub of definition.subAttributes ?? []) prune(value, sub);
    if (!isPresent(value)) delete holder[key];
  } else if (!isPresent(value)) {
    delete holder[key];
  }
}

function syncSchemas(draft: JsonObject, schemaId: string, present: boolean): void {
  const schemas = draft['schemas'];
  if (!Array.isArray(schemas)) return;
  const others = schemas.filter((item) => typeof item !== 'string' || item.toLowerCase() !== schemaId.toLowerCase());
  draft['schemas'] = present ? [...others, schemaId] : others;
}

function checkRequired(draft: JsonObject, original: JsonObject, resourceType: ResourceTypeDefinition): void {
  for (const schema of schemasOf(resourceType)) {
    for (const attribute of schema.attributes.filter((a) => a.required)) {
      const before = containerOf(original, schema.id, resourceType);
      const after = containerOf(draft, schema.id, resourceType);
      const wasPresent = before !== undefined && isPresent(getIgnoringCase(before, attribute.name));
      if (wasPresent && (after === undefined || !isPresent(getIgnoringCase(after, attribute.name)))) {
        const name = formatAttributePath({ schema: schema.id, attribute: attribute.name }, resourceType);
        throw ScimError.badRequest('mutability', `Attribute "${name}" is required and cannot be removed`);
      }
    }
  }
}
