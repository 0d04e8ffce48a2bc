import { ScimError } from '../errors';
import { findKey, isJsonObject } from '../resource';
import { findByName, type AttributeDefinition } from './attribute-definition';

/**
 * Coerces a client-supplied value to the attribute's definition, leniently where real clients need it:
 * `"True"`/`"False"` for booleans (Entra), a single object for a multi-valued attribute (OneLogin),
 * sub-attribute names in any case, `""` as "no value". Unknown and readOnly sub-attributes inside a
 * complex value are dropped (clients echo what they read). Returns `null` for "no value".
 * Throws 400 invalidValue naming `label` when the type is wrong.
 */
export function coerceAttributeValue(definition: AttributeDefinition, value: unknown, label: string): unknown {
  if (value === undefined || value === null) return null;
  if (!definition.multiValued) return coerceSingle(definition, value, label);
  const items = (Array.isArray(value) ? value : [value])
    .map((item) => coerceSingle(definition, item, label))
    .filter((item) => item !== null);
  return items.length > 0 ? items : null;
}

function coerceSingle(definition: AttributeDefinition, value: unknown, label: string): unknown {
  if (value === undefined || value === null) return null;
  const fail = (expected: string) =>
    ScimError.badRequest('invalidValue', `Attribute "${label}" must be ${expected}`);
  switch (definition.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
      throw fail('a boolean');
    case 'integer':
    case 'decimal':
      if (typeof value === 'number' && (definition.type === 'decimal' || Number.isInteger(value))) return value;
      throw fail(`an ${definition.type}`);
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw fail('an RFC 3339 date-time');
    case 'complex':
      if (!isJsonObject(value)) throw fail('an object');
      return coerceComplex(definition, value, label);
    default:
      if (typeof value !== 'string') throw fail('a string');
      if (value === '') return null;
      return canonical(definition, value, label);
  }
}

function coerceComplex(definition: AttributeDefinition, value: Record<string, unknown>, label: string) {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const sub = findByName(definition.subAttributes, key);
    if (!sub || sub.mutability === 'readOnly') continue;
    const coerced = coerceAttributeValue(sub, item, `${label}.${sub.name}`);
    if (coerced !== null) result[sub.name] = coerced;
  }
  return Object.keys(result).length > 0 ? result : null;
}

function canonical(definition: AttributeDefinition, value: string, label: string): string {
  const values = definition.canonicalValues;
  if (!values) return value;
  const same = (candidate: string) =>
    definition.caseExact ? candidate === value : candidate.toLowerCase() === value.toLowerCase();
  const match = values.find(same);
  if (match) return match;
  if (!definition.restrictToCanonicalValues) return value;
  throw ScimError.badRequest('invalidValue', `Attribute "${label}" must be one of: ${values.join(', ')}`);
}

/** Equality as the attribute defines it: strings compare case-insensitively unless caseExact. */
export function sameAttributeValue(definition: AttributeDefinition, left: unknown, right: unknown): boolean {
  return attributeValueKey(definition, left) === attributeValueKey(definition, right);
}

/** A text equal for two values exactly when sameAttributeValue finds them equal: compute once, compare many. */
export function attributeValueKey(definition: AttributeDefinition, value: unknown): string {
  return JSON.stringify(comparable(definition, value));
}

function comparable(definition: AttributeDefinition, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) {
    if (!definition.multiValued) return value;
    const items = value.map((item) => comparable({ ...definition, multiValued: false }, item));
    return items.map((item) => JSON.stringify(item)).sort();
  }
  if (isJsonObject(value)) {
    if (definition.type !== 'complex') return value;
    const result: Record<string, unknown> = {};
    for (const sub of definition.subAttributes ?? []) {
      const key = findKey(value, sub.name);
      const item = key === undefined ? null : comparable(sub, value[key]);
      if (item !== null) result[sub.name] = item;
    }
    return result;
  }
  if (typeof value === 'string' && definition.type === 'dateTime') return Date.parse(value);
  if (typeof value === 'string' && !definition.caseExact) return value.toLowerCase();
  return value;
}
