import type { AllFilter } from './port';

/** True when an event of `$all` passes the filter. System events (`$`-prefixed types) never pass. */
export function matchesFilter(filter: AllFilter | undefined, event: { type: string; streamName: string }): boolean {
  if (event.type.startsWith('$')) return false;
  if (!filter) return true;
  const subject = filter.kind === 'eventType' ? event.type : event.streamName;
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

/** EventStoreDB's default `maxSearchWindow`: a filtered subscription checkpoints every this many events read. */
export const CHECKPOINT_WINDOW = 32;
