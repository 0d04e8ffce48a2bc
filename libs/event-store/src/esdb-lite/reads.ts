import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventLog } from './event-log';
import type { EventFilter } from './filters';
import { streamDeletedError } from './grpc-errors';
import { eventMessage, streamNotFoundMessage } from './messages';
import type { StoredEvent } from './storage';
import type { SubscriptionSink } from './subscriptions';

/**
 * One-shot reads (no subscription): a stream or `$all`, forwards or backwards, paged out of SQLite and
 * written with backpressure so a million-event read does not pile up in memory.
 */

export type Direction = 'forwards' | 'backwards';
export type StreamFrom = 'start' | 'end' | { readonly revision: number };
export type AllFrom = 'start' | 'end' | { readonly position: number };

export async function readStream(
  log: EventLog,
  sink: SubscriptionSink & { end(): void },
  stream: string,
  direction: Direction,
  from: StreamFrom,
  count: number,
  pageSize: number,
): Promise<void> {
  const view = log.view(stream);
  if (view.kind === 'tombstoned') return sink.fail(streamDeletedError(stream));
  if (view.kind === 'missing') {
    await sink.send(streamNotFoundMessage(stream));
    return sink.end();
  }
  let remaining = count;
  if (direction === 'forwards') {
    // Forwards from the end of a stream reads nothing.
    let next = from === 'start' ? 0 : from === 'end' ? Number.POSITIVE_INFINITY : from.revision;
    while (remaining > 0 && next <= view.lastRevision) {
      const page = log.readStreamForward(view, next, Math.min(pageSize, remaining));
      if (!(await sendAll(sink, page))) return;
      if (page.length === 0) break;
      remaining -= page.length;
      next = page[page.length - 1].revision + 1;
    }
  } else {
    let next = from === 'start' ? 0 : from === 'end' ? view.lastRevision : from.revision;
    while (remaining > 0 && next >= view.minRevision) {
      const page = log.readStreamBackward(view, next, Math.min(pageSize, remaining));
      if (!(await sendAll(sink, page))) return;
      if (page.length === 0) break;
      remaining -= page.length;
      next = page[page.length - 1].revision - 1;
    }
  }
  sink.end();
}

export async function readAll(
  log: EventLog,
  sink: SubscriptionSink & { end(): void },
  direction: Direction,
  from: AllFrom,
  count: number,
  filter: EventFilter | undefined,
  pageSize: number,
): Promise<void> {
  let remaining = count;
  const matching = (page: StoredEvent[]) => {
    const matched = filter ? page.filter((event) => filter.matches(event)) : page;
    return matched.length > remaining ? matched.slice(0, remaining) : matched;
  };
  if (direction === 'forwards') {
    // Forwards from the end reads nothing; a position is inclusive.
    let next = from === 'start' ? 0 : from === 'end' ? Number.POSITIVE_INFINITY : from.position;
    while (remaining > 0 && Number.isFinite(next)) {
      const page = log.readAllForward(next, pageSize);
      const selected = matching(page);
      if (!(await sendAll(sink, selected))) return;
      remaining -= selected.length;
      if (page.length < pageSize) break;
      next = page[page.length - 1].position + 1;
    }
  } else {
    // Backwards from the start reads nothing; a position is exclusive: events strictly before it.
    let before = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : from.position;
    while (remaining > 0 && before > 0) {
      const page = log.readAllBackward(before, pageSize);
      const selected = matching(page);
      if (!(await sendAll(sink, selected))) return;
      remaining -= selected.length;
      if (page.length < pageSize) break;
      before = page[page.length - 1].position;
    }
  }
  sink.end();
}

async function sendAll(sink: { send(message: ReadResp): Promise<boolean> }, events: readonly StoredEvent[]) {
  for (const event of events) if (!(await sink.send(eventMessage(event)))) return false;
  return true;
}
