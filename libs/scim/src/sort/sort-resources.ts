import type { SortOrder } from '../list-query';
import type { JsonObject } from '../resource';
import type { ResourceTypeDefinition } from '../schemas/attribute-definition';
import type { AttributePath } from '../schemas/attribute-path';
import { userResourceType } from '../schemas/user-resource-type';
import { sortKey } from './sort-key';

/**
 * Sorts in memory like `compileSortToSql` does in SQL: unassigned values last when ascending (first when
 * descending), ties broken by `id` ascending so that pages are stable. Strings compare by code unit,
 * which matches SQLite's byte order except between surrogate pairs and U+E000..U+FFFF.
 */
export function sortResources<T extends JsonObject>(
  resources: readonly T[],
  sortBy: AttributePath | undefined,
  sortOrder: SortOrder = 'ascending',
  resourceType: ResourceTypeDefinition = userResourceType,
): T[] {
  const keyed = resources.map((resource) => ({
    resource,
    key: sortBy ? sortKey(resource, sortBy, resourceType) : undefined,
  }));
  const direction = sortOrder === 'descending' ? -1 : 1;
  const byId = (a: JsonObject, b: JsonObject) => compareKeys(String(a['id']), String(b['id']));
  keyed.sort((a, b) => direction * compareKeys(a.key, b.key) || byId(a.resource, b.resource));
  return keyed.map((entry) => entry.resource);
}

function compareKeys(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
