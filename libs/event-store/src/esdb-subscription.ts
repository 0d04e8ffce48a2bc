import {
  BACKWARDS,
  END,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Filter,
} from '@eventstore/db-client';
import { CHECKPOINT_WINDOW, matchesFilter } from './all-filter';
import { mapEsdbError } from './esdb-errors';
import type { AllFilter, LogPosition, RecordedEvent, Subscription, SubscribeToAllOptions, SubscriptionHandlers } from './port';

export interface ResubscribeBackoff {
  /** First wait after a failure, doubled after each further failure. Default 100 ms. */
  readonly initialMs?: number;
  /** Longest wait. Default 5 s. */
  readonly maxMs?: number;
}

type Item =
  | { readonly kind: 'event'; readonly resolved: AllStreamResolvedEvent }
  | { readonly kind: 'checkpoint'; readonly position: LogPosition }
  | { readonly kind: 'caughtUp' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'ended' };

/** Wraps errors that stop the subscription for good (handlers, undecodable events). */
class Fatal {
  constructor(readonly error: unknown) {}
}

const HIGH_WATER = 256;
const LOW_WATER = 32;

/**
 * A catch-up subscription to `$all` that survives the server going away: it resubscribes with backoff from
 * the last position it delivered or checkpointed (exclusive, so nothing is delivered twice). Events, checkpoints
 * and caught-up reach the handlers in the order the server sent them, one handler call at a time.
 */
export class EsdbAllSubscription implements Subscription {
  private closed = false;
  private from: LogPosition | 'start' | 'end';
  private current: AllStreamSubscription | undefined;
  private wake: (() => void) | undefined;
  private deliveredSinceFailure = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly decode: (resolved: AllStreamResolvedEvent) => RecordedEvent | undefined,
    private readonly options: SubscribeToAllOptions,
    private readonly handlers: SubscriptionHandlers,
    private readonly backoff: ResubscribeBackoff = {},
  ) {
    this.from = options.fromPosition ?? 'start';
    this.done = this.run();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    const current = this.current;
    if (current) await current.unsubscribe().catch(() => undefined);
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        // Pin 'end' to a concrete position first, so a resubscription cannot skip what came in meanwhile.
        if (this.from === 'end') this.from = (await this.lastLogPosition()) ?? 'start';
        await this.subscribeOnce();
      } catch (error) {
        if (this.closed) return;
        if (error instanceof Fatal) {
          this.closed = true;
          this.handlers.onError?.(error.error, false);
          return;
        }
        this.handlers.onError?.(mapEsdbError(error), true);
      }
      if (this.closed) return;
      failures = this.deliveredSinceFailure ? 1 : failures + 1;
      this.deliveredSinceFailure = false;
      await this.sleep(Math.min(this.backoff.maxMs ?? 5000, (this.backoff.initialMs ?? 100) * 2 ** (failures - 1)));
    }
  }

  /** Runs one server subscription until it fails, ends, or the subscription is closed. */
  private async subscribeOnce(): Promise<void> {
    const queue: Item[] = [];
    const markers: { remaining: number; item: Item }[] = [];
    let notify: (() => void) | undefined;
    const push = (item: Item) => {
      queue.push(item);
      notify?.();
    };

    const subscription = this.client.subscribeToAll({
      fromPosition: this.from === 'start' ? START : this.from === 'end' ? END : this.from,
      filter: toClientFilter(this.options.filter, (_sub, position) => enqueueAfterBuffered({ kind: 'checkpoint', position })),
    });
    this.current = subscription;

    // A checkpoint or caught-up arrives while events before it may still sit in the stream's buffer: queue it
    // only after those events.
    const enqueueAfterBuffered = (item: Item) => {
      const remaining = subscription.readableLength;
      if (remaining === 0) push(item);
      else markers.push({ remaining, item });
    };
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      push({ kind: 'event', resolved });
      for (const marker of markers) marker.remaining -= 1;
      while (markers.length > 0 && markers[0].remaining <= 0) {
        const [marker] = markers.splice(0, 1);
        push(marker.item);
      }
      if (queue.length >= HIGH_WATER) subscription.pause();
    });
    subscription.on('caughtUp', () => enqueueAfterBuffered({ kind: 'caughtUp' }));
    subscription.on('error', (error: unknown) => push({ kind: 'failed', error }));
    subscription.on('end', () => push({ kind: 'ended' }));
    subscription.on('close', () => push({ kind: 'ended' }));

    try {
      for (;;) {
        if (this.closed) return;
        const item = queue.shift();
        if (!item) {
          await new Promise<void>((resolve) => {
            notify = resolve;
            this.wake = resolve;
          });
          notify = undefined;
          continue;
        }
        if (queue.length <= LOW_WATER && subscription.isPaused()) subscription.resume();
        if (item.kind === 'failed') throw item.error;
        if (item.kind === 'ended') {
          if (!this.closed) throw new Error('Subscription ended by the server');
          return;
        }
        this.deliveredSinceFailure = true;
        await this.deliver(item);
      }
    } finally {
      this.current = undefined;
      subscription.removeAllListeners('data');
      subscription.on('error', () => undefined);
      if (!subscription.destroyed) await subscription.unsubscribe().catch(() => undefined);
    }
  }

  private async deliver(item: Item): Promise<void> {
    try {
      if (item.kind === 'event') {
        const { event } = item.resolved;
        if (!event?.position) return;
        const position = event.position;
        if (matchesFilter(this.options.filter, { type: event.type, streamName: event.streamId })) {
          const recorded = this.decode(item.resolved);
          if (recorded) await this.handlers.onEvent(recorded);
        }
        this.advance(position);
      } else if (item.kind === 'checkpoint') {
        if (this.advance(item.position)) await this.handlers.onCheckpoint?.(item.position);
      } else if (item.kind === 'caughtUp') {
        await this.handlers.onCaughtUp?.();
      }
    } catch (error) {
      throw new Fatal(error);
    }
  }

  /** Moves the resume position forwards; false when the position is not past it. */
  private advance(position: LogPosition): boolean {
    if (typeof this.from !== 'string' && position.commit <= this.from.commit) return false;
    this.from = position;
    return true;
  }

  private async lastLogPosition(): Promise<LogPosition | undefined> {
    // Read to the end rather than return from inside `for await`: an abandoned read leaves its gRPC call
    // unfinished, and the client's dispose() then waits for it forever.
    const read: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) read.push(resolved);
    return read[0]?.event?.position;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** Our filter as the client's; without one, system events are excluded server-side (which also checkpoints). */
function toClientFilter(filter: AllFilter | undefined, checkpointReached: Filter['checkpointReached']): Filter {
  const options = { checkpointInterval: 1, maxSearchWindow: CHECKPOINT_WINDOW, checkpointReached };
  if (!filter) return excludeSystemEvents(options);
  const prefixes = [...filter.prefixes];
  return filter.kind === 'eventType' ? eventTypeFilter({ ...options, prefixes }) : streamNameFilter({ ...options, prefixes });
}
