import { DomainError, MAX_USERS_PAGE_SIZE } from '@scim/contracts';
import {
  compileFilterToSql,
  compileSortToSql,
  isScimError,
  parseFilter,
  resolveAttributePath,
  userColumnMap,
  userResourceType,
  type AttributePath,
  type SqlFragment,
} from '@scim/scim';

/** The SQL function the read model registers: lower-cases like `String#toLowerCase()` (SQLite's lower() is ASCII only). */
export const FOLD_FUNCTION = 'scim_fold';

export interface UsersQueryInput {
  readonly filter?: string;
  readonly startIndex: number;
  readonly count: number;
  readonly sortBy?: string;
  readonly sortOrder?: 'ascending' | 'descending';
}

/** A search compiled against the users table; column names come only from the column map, values are parameters. */
export interface CompiledUsersQuery {
  readonly where: SqlFragment;
  readonly orderBy: SqlFragment;
  readonly limit: number;
  readonly offset: number;
  /** 1-based, as echoed in the ListResponse. */
  readonly startIndex: number;
}

/**
 * Compiles a SCIM search (RFC 7644 §3.4.2) for the users read model with libs/scim's SQL compilers. A
 * malformed filter, or an attribute that cannot be filtered or sorted on: VALIDATION_FAILED with an issue on
 * `filter` (SCIM invalidFilter) or `sortBy` (invalidValue).
 */
export function compileUsersQuery(input: UsersQueryInput): CompiledUsersQuery {
  const startIndex = Math.max(1, Math.trunc(input.startIndex));
  const count = Math.min(MAX_USERS_PAGE_SIZE, Math.max(0, Math.trunc(input.count)));
  return {
    where: compileWhere(input.filter),
    orderBy: compileOrderBy(input.sortBy, input.sortOrder ?? 'ascending'),
    limit: count,
    offset: startIndex - 1,
    startIndex,
  };
}

function compileWhere(filter: string | undefined): SqlFragment {
  if (filter === undefined || filter.trim() === '') return { sql: '1', params: [] };
  return asDomainError('filter', () => compileFilterToSql(parseFilter(filter), userColumnMap, { foldFunction: FOLD_FUNCTION }));
}

/**
 * Without sortBy: creation order, then id, so pages stay put while users are added (IdPs page through
 * every user during a sync).
 */
function compileOrderBy(sortBy: string | undefined, order: 'ascending' | 'descending'): SqlFragment {
  if (sortBy === undefined || sortBy.trim() === '') return { sql: 'ORDER BY created ASC, id ASC', params: [] };
  return asDomainError('sortBy', () =>
    compileSortToSql(sortPath(sortBy), order, userColumnMap, { foldFunction: FOLD_FUNCTION, idColumn: 'id' }),
  );
}

/** A multi-valued attribute (`emails`) sorts by its primary value (RFC 7644 §3.4.2.3). */
function sortPath(sortBy: string): AttributePath {
  const resolution = resolveAttributePath(sortBy, userResourceType);
  if (resolution.kind !== 'attribute') {
    throw new DomainError('VALIDATION_FAILED', `Invalid sortBy "${sortBy}": unknown attribute`, [{ path: 'sortBy', message: 'unknown attribute' }]);
  }
  const target = resolution.subAttribute ?? resolution.attribute;
  const byValue = target.type === 'complex' && target.multiValued && target.subAttributes?.some((sub) => sub.name === 'value');
  return byValue ? { ...resolution.path, subAttribute: 'value' } : resolution.path;
}

function asDomainError<T>(path: string, compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (isScimError(error)) throw new DomainError('VALIDATION_FAILED', error.detail, [{ path, message: error.detail }]);
    throw error;
  }
}
