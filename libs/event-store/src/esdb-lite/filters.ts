import type { StoredEvent } from './storage';

/** A server-side `$all` filter: which events match, and after how many considered events to checkpoint. */
export interface EventFilter {
  matches(event: StoredEvent): boolean;
  /** `checkpointIntervalMultiplier × window` (window = `max`, or 32 when the client sent `count`). */
  readonly checkpointInterval: number;
}

export interface FilterSpec {
  readonly on: 'stream_name' | 'event_type';
  readonly regex?: string;
  readonly prefixes: readonly string[];
  readonly maxSearchWindow?: number;
  readonly checkpointIntervalMultiplier: number;
}

export const DEFAULT_MAX_SEARCH_WINDOW = 32;

/** Throws SyntaxError for a regex JavaScript cannot compile. */
export function buildFilter(spec: FilterSpec): EventFilter {
  const keyOf = spec.on === 'event_type' ? (e: StoredEvent) => e.type : (e: StoredEvent) => e.stream;
  let matchesKey: (key: string) => boolean;
  if (spec.regex) {
    const regex = new RegExp(spec.regex);
    matchesKey = (key) => regex.test(key);
  } else {
    const prefixes = [...spec.prefixes];
    matchesKey = (key) => prefixes.some((prefix) => key.startsWith(prefix));
  }
  const window = spec.maxSearchWindow && spec.maxSearchWindow > 0 ? spec.maxSearchWindow : DEFAULT_MAX_SEARCH_WINDOW;
  return {
    matches: (event) => matchesKey(keyOf(event)),
    checkpointInterval: Math.max(1, Math.floor(spec.checkpointIntervalMultiplier || 1) * window),
  };
}
