import { ScimError } from '../errors';
import { findKey, getIgnoringCase, isJsonObject, type JsonObject } from '../resource';
import type { AttributeDefinition } from '../schemas/attribute-definition';
import { coerceAttributeValue, sameAttributeValue } from '../schemas/attribute-value';
import type { PatchOpName } from './patch-request';

/**
 * Applies one operation to one attribute slot (`holder[definition.name]`), RFC 7644 §3.5.2 semantics:
 * add appends to multi-valued attributes (skipping values already there) and merges complex ones;
 * replace replaces multi-valued attributes and merges complex ones; remove unassigns.
 * `null` and `""` values unassign too (Entra's "clear attribute" update).
 */
export function applyToSlot(
  holder: JsonObject,
  definition: AttributeDefinition,
  op: PatchOpName,
  value: unknown,
  label: string,
): void {
  const current = getIgnoringCase(holder, definition.name);
  if (op === 'remove') {
    const listed = value !== undefined && value !== null && definition.multiValued;
    return listed ? removeListedValues(holder, definition, value, label) : removeSlot(holder, definition, label);
  }
  if (isProtected(definition)) return checkUnchanged(definition, current, value, label);
  const coerced = coerceAttributeValue(definition, value, label);
  if (coerced === null && op === 'add' && definition.multiValued) return; // adding no values changes nothing
  if (coerced === null) return removeSlot(holder, definition, label);
  if (definition.multiValued) {
    const items = coerced as unknown[];
    const next = op === 'add' && Array.isArray(current) ? appendDistinct(definition, current, items) : items;
    setSlot(holder, definition.name, next);
    enforceSinglePrimary(definition, next, items);
  } else if (definition.type === 'complex' && isJsonObject(current)) {
    setSlot(holder, definition.name, current);
    for (const sub of definition.subAttributes ?? []) {
      const item = (coerced as JsonObject)[sub.name];
      if (item !== undefined) applyToSlot(current, sub, op, item, `${label}.${sub.name}`);
    }
  } else {
    setSlot(holder, definition.name, coerced);
  }
}

export function removeSlot(holder: JsonObject, definition: AttributeDefinition, label: string): void {
  const key = findKey(holder, definition.name);
  if (key === undefined || holder[key] === null) return;
  if (isProtected(definition)) throw mutability(`Attribute "${label}" is ${definition.mutability} and cannot be removed`);
  if (definition.required) throw mutability(`Attribute "${label}" is required and cannot be removed`);
  delete holder[key];
}

/** Non-RFC `remove` with a value list (Entra's legacy member removal): removes the values that match. */
function removeListedValues(holder: JsonObject, definition: AttributeDefinition, value: unknown, label: string): void {
  const current = getIgnoringCase(holder, definition.name);
  if (!Array.isArray(current)) return;
  if (isProtected(definition)) throw mutability(`Attribute "${label}" is ${definition.mutability} and cannot be changed`);
  const single = { ...definition, multiValued: false };
  const patterns = (Array.isArray(value) ? value : [value]).map((item) => coerceAttributeValue(single, item, label));
  const remaining = current.filter((item) => !patterns.some((pattern) => matchesPattern(single, item, pattern)));
  if (remaining.length === 0) removeSlot(holder, definition, label);
  else setSlot(holder, definition.name, remaining);
}

/** A complex value matches a pattern that names some of its sub-attributes with equal values. */
function matchesPattern(definition: AttributeDefinition, item: unknown, pattern: unknown): boolean {
  if (pattern === null) return false;
  if (definition.type !== 'complex' || !isJsonObject(pattern) || !isJsonObject(item)) {
    return sameAttributeValue(definition, item, pattern);
  }
  return (definition.subAttributes ?? []).every((sub) => {
    const wanted = pattern[sub.name];
    return wanted === undefined || sameAttributeValue(sub, getIgnoringCase(item, sub.name), wanted);
  });
}

function isProtected(definition: AttributeDefinition): boolean {
  return definition.mutability === 'readOnly' || definition.mutability === 'immutable';
}

/** readOnly and immutable attributes may be "set" to their current value (Okta echoes `id`), nothing else. */
function checkUnchanged(definition: AttributeDefinition, current: unknown, value: unknown, label: string): void {
  const unset = current === undefined || current === null;
  if (definition.mutability === 'immutable' && unset) {
    throw mutability(`Attribute "${label}" is immutable and can only be set when the resource is created`);
  }
  if (!sameAttributeValue(definition, current, value)) {
    throw mutability(`Attribute "${label}" is ${definition.mutability} and cannot be changed`);
  }
}

function appendDistinct(definition: AttributeDefinition, current: unknown[], items: unknown[]): unknown[] {
  const single = { ...definition, multiValued: false };
  const next = [...current];
  for (const item of items) {
    if (!next.some((existing) => sameAttributeValue(single, existing, item))) next.push(item);
  }
  return next;
}

/**
 * RFC 7643 §2.4: "primary" may be true on one value only. Values just written win over older ones.
 */
export function enforceSinglePrimary(definition: AttributeDefinition, values: unknown[], written: unknown[]): void {
  if (!definition.subAttributes?.some((sub) => sub.name === 'primary')) return;
  const primaries = values.filter((item): item is JsonObject => isJsonObject(item) && item['primary'] === true);
  if (primaries.length < 2) return;
  const keep = [...written].reverse().find((item) => primaries.includes(item as JsonObject)) ?? primaries[0];
  for (const item of primaries) if (item !== keep) item['primary'] = false;
}

/** Writes `holder[name]`, replacing a key that differs only in case (stored keys are canonical). */
export function setSlot(holder: JsonObject, name: string, value: unknown): void {
  const key = findKey(holder, name);
  if (key !== undefined && key !== name) delete holder[key];
  holder[name] = value;
}

function mutability(detail: string): ScimError {
  return ScimError.badRequest('mutability', detail);
}
