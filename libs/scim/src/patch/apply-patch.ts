import { ScimError } from '../errors';
import { containerOf, getIgnoringCase, isJsonObject, type JsonObject, type ScimResource } from '../resource';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/attribute-definition';
import { formatAttributePath, isCoreSchema } from '../schemas/attribute-path';
import { userResourceType } from '../schemas/user-resource-type';
import { applyToSlot, setSlot } from './attribute-slot';
import { applyToFilteredValues } from './apply-value-filter';
import { finaliseResource } from './finalise-resource';
import { parsePatchPath, type PatchTarget } from './patch-path';
import { parsePatchRequest, type PatchOpName } from './patch-request';

export interface ApplyPatchOptions {
  readonly resourceType?: ResourceTypeDefinition;
}

/*
 * Our own applier rather than the scim-patch library (0.8.3), which we tried first. It is not
 * schema-aware, and what it got wrong is exactly what Okta and Entra send: attribute names are
 * case-sensitive (`name.FamilyName` creates a new key), value filters compare case-sensitively
 * (`emails[type eq "Work"]` misses "work"), a pathless `replace {name:{givenName}}` drops familyName,
 * `op: "REPLACE"` is rejected, a `:` inside a filter value breaks its URN splitting, and it has no notion of
 * readOnly/immutable/required or of `"False"` strings. Wrapping it would have meant pre- and
 * post-processing every one of those; this applier reuses our filter parser and evaluator instead.
 */

/**
 * Applies an RFC 7644 §3.5.2 PATCH request to a resource and returns the new resource (the input is not
 * modified). All operations apply or none (the first failure throws ScimError 400: invalidSyntax,
 * invalidPath, invalidValue, noTarget or mutability).
 */
export function applyPatch(resource: ScimResource, body: unknown, options: ApplyPatchOptions = {}): ScimResource {
  const resourceType = options.resourceType ?? userResourceType;
  const operations = parsePatchRequest(body);
  const draft = structuredClone(resource);
  for (const operation of operations) {
    if (operation.path === undefined) applyPathless(draft, operation.op, operation.value, resourceType);
    else applyTarget(draft, parsePatchPath(operation.path, resourceType), operation.op, operation.value, resourceType);
  }
  return finaliseResource(draft, resource, resourceType);
}

/** A pathless add/replace: each key of the value is a path (`active`, `name.givenName`, `urn:...:department`). */
function applyPathless(draft: JsonObject, op: PatchOpName, value: unknown, resourceType: ResourceTypeDefinition): void {
  if (!isJsonObject(value)) {
    throw ScimError.badRequest('invalidValue', `The value of a "${op}" without "path" must be an object`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.toLowerCase() === 'schemas') continue;
    applyTarget(draft, parsePatchPath(key, resourceType), op, item, resourceType);
  }
}

function applyTarget(
  draft: JsonObject,
  target: PatchTarget,
  op: PatchOpName,
  value: unknown,
  resourceType: ResourceTypeDefinition,
): void {
  if (target.kind === 'ignored') return;
  if (target.kind === 'schema') {
    if (op !== 'remove' && !isJsonObject(value)) {
      throw ScimError.badRequest('invalidValue', `The value for "${target.schema.id}" must be an object`);
    }
    for (const attribute of target.schema.attributes) {
      if (op === 'remove' && attribute.mutability === 'readOnly') continue;
      const item = op === 'remove' ? undefined : getIgnoringCase(value as JsonObject, attribute.name);
      if (op !== 'remove' && item === undefined) continue;
      applyTarget(draft, parsePatchPath(`${target.schema.id}:${attribute.name}`, resourceType), op, item, resourceType);
    }
    return;
  }
  const holder = holderFor(draft, target.path.schema, op, resourceType);
  if (!holder) return;
  const label = formatAttributePath(
    target.subAttribute ? { ...target.path, subAttribute: target.subAttribute.name } : target.path,
    resourceType,
  );
  if (target.filter) {
    return applyToFilteredValues(holder, { ...target, filter: target.filter }, op, value, label, resourceType);
  }
  if (!target.subAttribute) return applyToSlot(holder, target.attribute, op, value, label);
  applyToSubAttribute(holder, target.attribute, target.subAttribute, op, value, label);
}

/** `name.givenName` on a complex attribute, or `emails.type` on every value of a multi-valued one. */
function applyToSubAttribute(
  holder: JsonObject,
  attribute: AttributeDefinition,
  subAttribute: AttributeDefinition,
  op: PatchOpName,
  value: unknown,
  label: string,
): void {
  const current = getIgnoringCase(holder, attribute.name);
  if (attribute.multiValued) {
    const values = Array.isArray(current) ? current.filter(isJsonObject) : [];
    if (values.length === 0) {
      if (op === 'remove') return;
      values.push({});
    }
    setSlot(holder, attribute.name, values);
    for (const item of values) applyToSlot(item, subAttribute, op, value, label);
    return;
  }
  if (!isJsonObject(current)) {
    if (op === 'remove') return;
    if (attribute.mutability === 'readOnly') {
      throw ScimError.badRequest('mutability', `Attribute "${label}" is readOnly and cannot be changed`);
    }
    setSlot(holder, attribute.name, {});
  }
  applyToSlot(getIgnoringCase(holder, attribute.name) as JsonObject, subAttribute, op, value, label);
}

/** The object holding the schema's attributes; an extension object is created on first write. */
function holderFor(
  draft: JsonObject,
  schemaId: string,
  op: PatchOpName,
  resourceType: ResourceTypeDefinition,
): JsonObject | undefined {
  const existing = containerOf(draft, schemaId, resourceType);
  if (existing || op === 'remove' || isCoreSchema(resourceType, schemaId)) return existing;
  const created: JsonObject = {};
  setSlot(draft, schemaId, created);
  return created;
}
