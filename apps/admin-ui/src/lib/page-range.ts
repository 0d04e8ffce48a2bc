/** Where a page of results sits among all of them (1-based, as the admin API pages). */
export interface PageRange {
  /** Of the first result shown; 0 when none is. */
  readonly first: number;
  /** Of the last result shown; 0 when none is. */
  readonly last: number;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
}

/** The range of the page shown, which starts at `startIndex` and shows `shown` of `totalResults`; no page yet: nothing. */
export function pageRange(startIndex: number, page: { readonly totalResults: number; readonly shown: number } | null): PageRange {
  const first = page && page.shown > 0 ? startIndex : 0;
  const last = page && page.shown > 0 ? startIndex + page.shown - 1 : 0;
  return { first, last, hasPrevious: startIndex > 1, hasNext: page !== null && startIndex + page.shown - 1 < page.totalResults };
}
