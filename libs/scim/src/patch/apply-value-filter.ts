import { ScimError } from '../errors';
import { valueMatchesFilter } from '../filter/evaluate-filter';
import type { ScimFilter } from '../filter/filter-ast';
import { getIgnoringCase, isJsonObject, type JsonObject } from '../resource';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/attribute-definition';
import type { AttributePath } from '../schemas/attribute-path';
import { coerceAttributeValue } from '../schemas/attribute-value';
import { applyToSlot, enforceSinglePrimary, removeSlot, setSlot } from './attribute-slot';
import type { PatchOpName } from './patch-request';

export interface FilteredTarget {
  readonly path: AttributePath;
  readonly attribute: AttributeDefinition;
  readonly filter: ScimFilter;
  readonly subAttribute?: AttributeDefinition;
}

/**
 * `emails[type eq "work"]` and `emails[type eq "work"].value`: acts on the values matching the filter.
 * replace with no match is 400 noTarget (RFC 7644 §3.5.2.3); add with no match creates the value from
 * the filter's equalities when it can (what Entra ID and Microsoft's validator expect), else noTarget;
 * remove with no match changes nothing.
 */
export function applyToFilteredValues(
  holder: JsonObject,
  target: FilteredTarget,
  op: PatchOpName,
  value: unknown,
  label: string,
  resourceType: ResourceTypeDefinition,
): void {
  const { attribute, subAttribute } = target;
  if (attribute.mutability === 'readOnly') {
    throw ScimError.badRequest('mutability', `Attribute "${label}" is readOnly and cannot be changed`);
  }
  const current = getIgnoringCase(holder, attribute.name);
  const values = Array.isArray(current) ? current : [];
  const matches = (item: unknown): item is JsonObject =>
    isJsonObject(item) && valueMatchesFilter(target.filter, target.path, item, resourceType);
  const matched = values.filter(matches);
  const single = { ...attribute, multiValued: false };

  if (op === 'remove') {
    if (subAttribute) {
      for (const item of matched) removeSlot(item, subAttribute, label);
    } else if (matched.length > 0) {
      const remaining = values.filter((item) => !matched.includes(item as JsonObject));
      if (remaining.length > 0) setSlot(holder, attribute.name, remaining);
      else removeSlot(holder, attribute, label);
    }
    return;
  }

  if (matched.length === 0) {
    const created = op === 'add' ? equalities(target.filter) : undefined;
    if (!created) throw ScimError.badRequest('noTarget', `No value of "${attribute.name}" matches the value filter of the path`);
    writeInto(created, single, subAttribute, 'add', value, label);
    const next = [...values, created];
    setSlot(holder, attribute.name, next);
    enforceSinglePrimary(attribute, next, [created]);
    return;
  }

  for (const item of matched) {
    if (op === 'replace' && !subAttribute) {
      const replacement = coerceAttributeValue(single, value, label);
      for (const key of Object.keys(item)) delete item[key];
      Object.assign(item, replacement ?? {});
    } else {
      writeInto(item, single, subAttribute, op, value, label);
    }
  }
  setSlot(holder, attribute.name, values);
  enforceSinglePrimary(attribute, values, matched);
}

function writeInto(
  item: JsonObject,
  single: AttributeDefinition,
  subAttribute: AttributeDefinition | undefined,
  op: PatchOpName,
  value: unknown,
  label: string,
): void {
  if (subAttribute) return applyToSlot(item, subAttribute, op, value, label);
  const coerced = coerceAttributeValue(single, value, label);
  if (!isJsonObject(coerced)) return;
  for (const sub of single.subAttributes ?? []) {
    if (coerced[sub.name] !== undefined) applyToSlot(item, sub, op, coerced[sub.name], `${label}.${sub.name}`);
  }
}

/** `type eq "work" and primary eq true` -> `{ type: "work", primary: true }`; undefined for anything else. */
function equalities(filter: ScimFilter): JsonObject | undefined {
  if (filter.op === 'eq' && filter.path.subAttribute && filter.value !== null) {
    return { [filter.path.subAttribute]: filter.value };
  }
  if (filter.op !== 'and') return undefined;
  const result: JsonObject = {};
  for (const part of filter.filters) {
    const found = equalities(part);
    if (!found) return undefined;
    for (const [key, item] of Object.entries(found)) {
      if (key in result && result[key] !== item) return undefined;
      result[key] = item;
    }
  }
  return result;
}
