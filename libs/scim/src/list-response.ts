import { LIST_RESPONSE_SCHEMA } from './schemas/urns';

export interface ListResponse<T> {
  readonly schemas: [typeof LIST_RESPONSE_SCHEMA];
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly Resources: T[];
}

export interface ListPage {
  /** All matching resources, not just this page. */
  readonly totalResults: number;
  /** 1-based index of the first resource of this page; values below 1 count as 1. */
  readonly startIndex: number;
}

/**
 * An RFC 7644 §3.4.2 ListResponse. The numbers are integers (Okta rejects strings); `itemsPerPage` is the
 * number of resources actually returned; `Resources` is always an array, `[]` when nothing matched.
 */
export function buildListResponse<T>(resources: readonly T[], page: ListPage): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: Math.max(0, Math.trunc(page.totalResults)),
    startIndex: Math.max(1, Math.trunc(page.startIndex)),
    itemsPerPage: resources.length,
    Resources: [...resources],
  };
}

/** Pages an in-memory list (e.g. /Schemas, /ResourceTypes). */
export function paginate<T>(
  all: readonly T[],
  query: { readonly startIndex: number; readonly count: number },
): ListResponse<T> {
  const startIndex = Math.max(1, Math.trunc(query.startIndex));
  const count = Math.max(0, Math.trunc(query.count));
  return buildListResponse(all.slice(startIndex - 1, startIndex - 1 + count), { totalResults: all.length, startIndex });
}
