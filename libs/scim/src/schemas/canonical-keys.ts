import { isJsonObject } from '../resource';
import { findByName, type AttributeDefinition } from './attribute-definition';

/**
 * Renames the sub-attribute keys of a complex value to their canonical names (`GivenName` -> `givenName`,
 * `appGroupPermissionSetID` -> `appGroupPermissionSetId`) and drops unknown and readOnly ones. Types are
 * left as they are, for a validator to judge.
 */
export function canonicaliseKeys(definition: AttributeDefinition, value: unknown): unknown {
  if (definition.type !== 'complex') return value;
  if (Array.isArray(value)) return value.map((item) => canonicaliseKeys(definition, item));
  if (!isJsonObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const sub = findByName(definition.subAttributes, key);
    if (sub && sub.mutability !== 'readOnly') result[sub.name] = canonicaliseKeys(sub, item);
  }
  return result;
}
