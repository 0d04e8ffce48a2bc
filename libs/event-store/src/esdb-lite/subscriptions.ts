import type { ServiceError } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventLog } from './event-log';
import type { EventFilter } from './filters';
import { streamDeletedError } from './grpc-errors';
import { caughtUpMessage, checkpointMessage, confirmationMessage, eventMessage } from './messages';
import { TOMBSTONE_REVISION, type StoredEvent } from './storage';

/**
 * Catch-up subscriptions: `confirmation`, the stored events after the start point, `caught_up`, then live
 * events as they commit. Starting points are exclusive.
 *
 * No gap and no duplicate at the switch to live: the commit listener is registered before catching up; it
 * starts collecting in the same synchronous tick as the read that found no more stored events (commits
 * run on this same thread, so nothing can commit between that read and the switch); and every delivery is
 * de-duplicated by position (or revision). A subscriber that cannot keep up with live events (more than
 * `liveBufferLimit` waiting) drops back to catching up from the log, like EventStoreDB's "fell behind".
 */

export interface SubscriptionSink {
  send(message: ReadResp): Promise<boolean>;
  fail(error: ServiceError): void;
  onClose(listener: () => void): void;
  readonly isClosed: boolean;
}

export interface SubscriptionSettings {
  /** Events per catch-up read. */
  readonly pageSize: number;
  /** Live events allowed to wait for a slow subscriber before it falls back to catching up. */
  readonly liveBufferLimit: number;
  /** Filtered `$all`: while live, checkpoint events considered but not reported after this long. */
  readonly liveCheckpointMs: number;
}

export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = {
  pageSize: 500,
  liveBufferLimit: 10_000,
  liveCheckpointMs: 1_000,
};

/** What a subscription runs against. */
export interface SubscriptionContext {
  readonly log: EventLog;
  readonly settings: SubscriptionSettings;
  readonly logger: Logger;
}

type LiveBatch = readonly StoredEvent[] | 'fell_behind' | 'closed';

/** Collects the committed events a subscription cares about while it is live. */
class LiveFeed {
  private queue: StoredEvent[] = [];
  private live = false;
  private fellBehind = false;
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    log: EventLog,
    private readonly accepts: (event: StoredEvent) => boolean,
    private readonly limit: number,
  ) {
    this.unsubscribe = log.onCommit((events) => this.committed(events));
  }

  /** Call in the same tick as the read that reached the end of the log. */
  goLive(): void {
    this.live = true;
    this.fellBehind = false;
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.wake?.();
  }

  /** Waits for live events; an empty batch means `timeoutMs` passed without any. */
  async next(timeoutMs?: number): Promise<LiveBatch> {
    if (!this.closed && !this.fellBehind && this.queue.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = timeoutMs === undefined ? undefined : setTimeout(resolve, timeoutMs);
        this.wake = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    if (this.closed) return 'closed';
    if (this.fellBehind) return 'fell_behind';
    const batch = this.queue;
    this.queue = [];
    return batch;
  }

  private committed(events: readonly StoredEvent[]): void {
    if (!this.live) return; // while catching up, the log itself is the source
    for (const event of events) if (this.accepts(event)) this.queue.push(event);
    if (this.queue.length > this.limit) {
      this.queue = [];
      this.live = false;
      this.fellBehind = true;
    }
    if (this.queue.length > 0 || this.fellBehind) this.wake?.();
  }
}

export type AllStart = 'start' | 'end' | { readonly position: number };
export type StreamStart = 'start' | 'end' | { readonly revision: number };

export async function subscribeToAll(
  { log, settings, logger }: SubscriptionContext,
  sink: SubscriptionSink,
  from: AllStart,
  filter: EventFilter | undefined,
): Promise<void> {
  const feed = new LiveFeed(log, () => true, settings.liveBufferLimit);
  sink.onClose(() => feed.close());
  let lastPosition = from === 'start' ? -1 : from === 'end' ? log.headPosition() : from.position;
  let considered = 0;
  let lastCheckpoint = -1;
  let caughtUpSent = false;

  const checkpoint = async (position: number): Promise<boolean> => {
    if (!filter || position < 0 || position <= lastCheckpoint) return true;
    lastCheckpoint = position;
    return sink.send(checkpointMessage(position));
  };
  const deliver = async (event: StoredEvent): Promise<boolean> => {
    if (event.position <= lastPosition) return true;
    lastPosition = event.position;
    considered++;
    if ((!filter || filter.matches(event)) && !(await sink.send(eventMessage(event)))) return false;
    return filter && considered % filter.checkpointInterval === 0 ? checkpoint(event.position) : true;
  };

  try {
    if (!(await sink.send(confirmationMessage()))) return;
    for (;;) {
      for (;;) {
        const page = log.readAllForward(lastPosition + 1, settings.pageSize);
        const reachedEnd = page.length < settings.pageSize;
        if (reachedEnd) feed.goLive();
        for (const event of page) if (!(await deliver(event))) return;
        if (reachedEnd) break;
      }
      if (!(await checkpoint(lastPosition))) return;
      if (!caughtUpSent) {
        caughtUpSent = true;
        if (!(await sink.send(caughtUpMessage()))) return;
      }
      for (;;) {
        const pendingCheckpoint = filter !== undefined && lastPosition > lastCheckpoint;
        const batch = await feed.next(pendingCheckpoint ? settings.liveCheckpointMs : undefined);
        if (batch === 'closed') return;
        if (batch === 'fell_behind') {
          logger.debug({ subscription: '$all', lastPosition }, 'subscription fell behind; catching up from the log');
          break;
        }
        if (batch.length === 0 && !(await checkpoint(lastPosition))) return;
        for (const event of batch) if (!(await deliver(event))) return;
      }
    }
  } finally {
    feed.close();
  }
}

export async function subscribeToStream(
  { log, settings, logger }: SubscriptionContext,
  sink: SubscriptionSink,
  stream: string,
  from: StreamStart,
): Promise<void> {
  const feed = new LiveFeed(log, (event) => event.stream === stream, settings.liveBufferLimit);
  sink.onClose(() => feed.close());
  let lastRevision = from === 'start' ? -1 : from === 'end' ? log.lastRevision(stream) : from.revision;
  let caughtUpSent = false;

  /** Returns false when the subscription is over. */
  const deliver = async (event: StoredEvent): Promise<boolean> => {
    if (event.revision <= lastRevision) return true;
    lastRevision = event.revision;
    if (!(await sink.send(eventMessage(event)))) return false;
    if (event.revision >= TOMBSTONE_REVISION) {
      sink.fail(streamDeletedError(stream));
      return false;
    }
    return true;
  };

  try {
    if (!(await sink.send(confirmationMessage()))) return;
    for (;;) {
      for (;;) {
        const view = log.view(stream);
        if (view.kind === 'tombstoned') {
          sink.fail(streamDeletedError(stream));
          return;
        }
        const page = view.kind === 'visible' ? log.readStreamForward(view, lastRevision + 1, settings.pageSize) : [];
        const reachedEnd = page.length < settings.pageSize;
        if (reachedEnd) feed.goLive();
        for (const event of page) if (!(await deliver(event))) return;
        if (reachedEnd) break;
      }
      if (!caughtUpSent) {
        caughtUpSent = true;
        if (!(await sink.send(caughtUpMessage()))) return;
      }
      for (;;) {
        const batch = await feed.next();
        if (batch === 'closed') return;
        if (batch === 'fell_behind') {
          logger.debug({ subscription: stream, lastRevision }, 'subscription fell behind; catching up from the log');
          break;
        }
        for (const event of batch) if (!(await deliver(event))) return;
      }
    }
  } finally {
    feed.close();
  }
}
