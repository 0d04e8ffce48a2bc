import { ScimError } from '../errors';
import { findKey, getIgnoringCase, isJsonObject, type JsonObject } from '../resource';
import type { AttributeDefinition } from '../schemas/attribute-definition';
import { attributeValueKey, coerceAttributeValue, sameAttributeValue } from '../schemas/attribute-value';
import type { PatchOpName } from './patch-request';

/**
 * The most values a multi-valued attribute may hold while a PATCH is applied: far above what a user has (the
 * product allows 50 emails and 500 permission entries), low enough that no body within the size limit makes a
 * PATCH costly.
 */
export const MAX_VALUES_PER_ATTRIBUTE = 1000;

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
    assertFewEnough(items, label);
    const next = op === 'add' && Array.isArray(current) ? appendDistinct(definition, current, items) : items;
    assertFewEnough(next, label);
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
  const listed = Array.isArray(value) ? value : [value];
  assertFewEnough(listed, label);
  const patterns = listed
    .map((item) => coerceAttributeValue(single, item, label))
    .filter((pattern) => pattern !== null)
    .map((pattern) => keysOfPattern(single, pattern));
  const remaining = current.filter((item) => {
    const keys = keysOfValue(single, item);
    return !patterns.some((pattern) => matchesPattern(keys, pattern));
  });
  if (remaining.length === 0) removeSlot(holder, definition, label);
  else setSlot(holder, definition.name, remaining);
}

/** A value's comparison keys: the whole value, and each sub-attribute of a complex one. */
interface ValueKeys {
  readonly whole: string;
  readonly subs?: ReadonlyMap<string, string>;
}

function keysOfValue(definition: AttributeDefinition, value: unknown): ValueKeys {
  const whole = attributeValueKey(definition, value);
  if (definition.type !== 'complex' || !isJsonObject(value)) return { whole };
  const subs = new Map((definition.subAttributes ?? []).map((sub) => [sub.name, attributeValueKey(sub, getIgnoringCase(value, sub.name))]));
  return { whole, subs };
}

/** Like keysOfValue, but only the sub-attributes the pattern names. */
function keysOfPattern(definition: AttributeDefinition, pattern: unknown): ValueKeys {
  const whole = attributeValueKey(definition, pattern);
  if (definition.type !== 'complex' || !isJsonObject(pattern)) return { whole };
  const named = (definition.subAttributes ?? []).filter((sub) => pattern[sub.name] !== undefined);
  return { whole, subs: new Map(named.map((sub) => [sub.name, attributeValueKey(sub, pattern[sub.name])])) };
}

/** A complex value matches a pattern that names some of its sub-attributes with equal values. */
function matchesPattern(item: ValueKeys, pattern: ValueKeys): boolean {
  if (!item.subs || !pattern.subs) return item.whole === pattern.whole;
  for (const [name, key] of pattern.subs) if (item.subs.get(name) !== key) return false;
  return true;
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
  const present = new Set(current.map((existing) => attributeValueKey(single, existing)));
  for (const item of items) {
    const key = attributeValueKey(single, item);
    if (!present.has(key)) {
      present.add(key);
      next.push(item);
    }
  }
  return next;
}

function assertFewEnough(values: readonly unknown[], label: string): void {
  if (values.length > MAX_VALUES_PER_ATTRIBUTE) {
    throw ScimError.badRequest('invalidValue', `Attribute "${label}" may hold at most ${MAX_VALUES_PER_ATTRIBUTE} values`);
  }
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
