import { ScimError } from '../errors';
import type { ColumnMap } from '../filter/column-map';
import type { SqlFragment } from '../filter/compile-filter-sql';
import type { SortOrder } from '../list-query';
import type { ResourceTypeDefinition } from '../schemas/attribute-definition';
import { formatAttributePath, type AttributePath } from '../schemas/attribute-path';
import { userResourceType } from '../schemas/user-resource-type';
import { definitionsOrFail } from './sort-key';

export interface CompileSortOptions {
  readonly resourceType?: ResourceTypeDefinition;
  /** See `CompileOptions.foldFunction`. */
  readonly foldFunction?: string;
  /** The tie-breaker column that makes pages stable. */
  readonly idColumn?: string;
}

/** An `ORDER BY` clause with the semantics of `sortResources`. Unmapped attributes give 400 invalidValue. */
export function compileSortToSql(
  sortBy: AttributePath | undefined,
  sortOrder: SortOrder,
  columns: ColumnMap,
  options: CompileSortOptions = {},
): SqlFragment {
  const idColumn = options.idColumn ?? 'id';
  if (!sortBy) return { sql: `ORDER BY ${idColumn} ASC`, params: [] };
  const resourceType = options.resourceType ?? userResourceType;
  const fold = options.foldFunction ?? 'lower';
  const { attribute, subAttribute } = definitionsOrFail(sortBy, resourceType);
  const target = subAttribute ?? attribute;
  const insensitive = target.type === 'string' && !target.caseExact;
  const direction = sortOrder === 'descending' ? 'DESC' : 'ASC';
  const scalar = columns[formatAttributePath(sortBy, resourceType)];
  const array = columns[formatAttributePath({ schema: sortBy.schema, attribute: sortBy.attribute }, resourceType)];

  let key: string;
  let keyParams: unknown[] = [];
  if (scalar?.kind === 'scalar') {
    key = insensitive && !scalar.folded ? `${fold}(${scalar.column})` : scalar.column;
  } else if (array?.kind === 'jsonArray' && sortBy.subAttribute) {
    const value = insensitive ? `${fold}(json_extract(s.value, ?))` : 'json_extract(s.value, ?)';
    const primaryFirst = `(json_extract(s.value, '$.primary') IS 1) DESC, s.key`;
    key = `(SELECT ${value} FROM json_each(${array.column}) AS s ORDER BY ${primaryFirst} LIMIT 1)`;
    keyParams = [`$.${sortBy.subAttribute}`];
  } else {
    throw ScimError.badRequest('invalidValue', `Sorting by "${formatAttributePath(sortBy, resourceType)}" is not supported`);
  }
  return {
    // Unassigned (NULL or '') sorts last ascending, first descending, as in sortResources.
    sql: `ORDER BY (nullif(${key}, '') IS NULL) ${direction}, nullif(${key}, '') ${direction}, ${idColumn} ASC`,
    params: [...keyParams, ...keyParams],
  };
}
