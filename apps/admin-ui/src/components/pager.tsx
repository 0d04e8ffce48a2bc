import type { PageRange } from '../lib/page-range';

interface PagerProps {
  /** Names the navigation landmark, e.g. "Users pages". */
  readonly label: string;
  readonly range: PageRange;
  readonly busy: boolean;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
}

/** Previous and Next page buttons, disabled where there is nothing to go to or a page is loading. */
export function Pager({ label, range, busy, onPrevious, onNext }: PagerProps) {
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" class="secondary" disabled={!range.hasPrevious || busy} onClick={onPrevious}>
        Previous page
      </button>
      <button type="button" class="secondary" disabled={!range.hasNext || busy} onClick={onNext}>
        Next page
      </button>
    </nav>
  );
}
