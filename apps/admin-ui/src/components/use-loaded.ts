import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  /** The last value loaded; kept while the next one loads, so a page does not flicker. */
  readonly value: T | null;
  /** Why the last load failed, or ''. */
  readonly error: string;
  readonly loading: boolean;
}

/**
 * Loads `load()` whenever one of `inputs` changes. An answer that arrives after the inputs changed again is
 * dropped, so a slow early answer never overwrites a later one.
 */
export function useLoaded<T>(load: () => Promise<T>, inputs: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ value: null, error: '', loading: true });

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (value) => current && setState({ value, error: '', loading: false }),
      (failure: unknown) => current && setState((previous) => ({ ...previous, error: failure instanceof Error ? failure.message : String(failure), loading: false })),
    );
    return () => {
      current = false;
    };
    // The caller names what the load depends on, as with useEffect.
  }, inputs);

  return state;
}
