import type { ResourceTypeDefinition } from '../schemas/attribute-definition';
import type { AttributePath } from '../schemas/attribute-path';
import { userResourceType } from '../schemas/user-resource-type';
import { isJsonObject, valuesAt, type JsonObject } from '../resource';
import type { ComparisonFilter, ScimFilter } from './filter-ast';

/**
 * Evaluates a parsed filter against a resource in memory. Multi-valued attributes match if any value
 * matches; `caseExact: false` attributes compare case-insensitively; dateTimes compare as instants.
 * `ne` is `not eq` (an absent attribute is "not equal"), and `eq null` means "not present".
 */
export function evaluateFilter(
  filter: ScimFilter,
  resource: JsonObject,
  resourceType: ResourceTypeDefinition = userResourceType,
): boolean {
  return evaluate(filter, resource, resourceType);
}

function evaluate(filter: ScimFilter, resource: JsonObject, resourceType: ResourceTypeDefinition): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((f) => evaluate(f, resource, resourceType));
    case 'or':
      return filter.filters.some((f) => evaluate(f, resource, resourceType));
    case 'not':
      return !evaluate(filter.filter, resource, resourceType);
    case 'pr':
      return valuesAt(resource, filter.path, resourceType).some(isPresent);
    case 'valuePath':
      return valuesAt(resource, filter.path, resourceType).some(
        (item) => isJsonObject(item) && valueMatchesFilter(filter.filter, filter.path, item, resourceType),
      );
    default:
      return compare(filter, valuesAt(resource, filter.path, resourceType));
  }
}

/** A resource whose multi-valued attribute at `path` holds just `item`, to test a value filter on one value. */
function withSingleValue(path: AttributePath, item: JsonObject, resourceType: ResourceTypeDefinition): JsonObject {
  const holder = { [path.attribute]: [item] };
  return resourceType.schema.id === path.schema ? holder : { [path.schema]: holder };
}

export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isJsonObject(value)) return Object.values(value).some(isPresent);
  return true;
}

function compare(filter: ComparisonFilter, values: unknown[]): boolean {
  if (filter.value === null) {
    const present = values.some(isPresent);
    return filter.op === 'eq' ? !present : present;
  }
  if (filter.op === 'ne') return !values.some((value) => matches({ ...filter, op: 'eq' }, value));
  return values.some((value) => matches(filter, value));
}

function matches(filter: ComparisonFilter, actual: unknown): boolean {
  const left = comparable(filter, actual);
  const right = comparable(filter, filter.value);
  if (left === undefined || right === undefined) return false;
  if (typeof left === 'string' && typeof right === 'string') {
    switch (filter.op) {
      case 'co':
        return left.includes(right);
      case 'sw':
        return left.startsWith(right);
      case 'ew':
        return left.endsWith(right);
    }
  }
  if (typeof left !== typeof right) return false;
  switch (filter.op) {
    case 'eq':
      return left === right;
    case 'gt':
      return left > right;
    case 'ge':
      return left >= right;
    case 'lt':
      return left < right;
    case 'le':
      return left <= right;
    default:
      return false;
  }
}

function comparable(filter: ComparisonFilter, value: unknown): string | number | boolean | undefined {
  switch (filter.type) {
    case 'dateTime': {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(time) ? undefined : time;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : undefined;
    default:
      if (typeof value !== 'string') return undefined;
      return filter.caseExact ? value : value.toLowerCase();
  }
}

/** Whether one value of the multi-valued attribute at `path` matches a value filter (`emails[<filter>]`). */
export function valueMatchesFilter(
  filter: ScimFilter,
  path: AttributePath,
  item: JsonObject,
  resourceType: ResourceTypeDefinition = userResourceType,
): boolean {
  return evaluate(filter, withSingleValue(path, item, resourceType), resourceType);
}
