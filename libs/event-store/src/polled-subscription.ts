import { CHECKPOINT_WINDOW, matchesFilter } from './all-filter';
import type { StoredEvent } from './recorded-event-decoding';
import type { AllFilter, LogPosition, RecordedEvent, Subscription, SubscriptionHandlers } from './port';

/** Where a polled subscription takes its events from: a log it can step through and wait on. */
export interface PolledSource {
  /** The next event of the log after the last one returned, or undefined at the end. */
  next(): StoredEvent | undefined;
  /** Resolves after the next append. */
  waitForAppend(): Promise<void>;
  decode(stored: StoredEvent): RecordedEvent;
  readonly filter?: AllFilter;
}

/**
 * A catch-up subscription over an in-process log, with EventStoreDB's sequence: catch-up events, a checkpoint
 * and caught-up at the end of the log, then live events; a checkpoint every CHECKPOINT_WINDOW events read,
 * matching or not. Handlers are awaited one at a time.
 */
export function startPolledSubscription(
  source: PolledSource,
  handlers: SubscriptionHandlers,
  onClosed: () => void,
): Subscription {
  let closed = false;
  let wakeOnClose: () => void = () => undefined;
  const closedSignal = new Promise<void>((resolve) => (wakeOnClose = resolve));

  const run = async (): Promise<void> => {
    let caughtUp = false;
    let readSinceCheckpoint = 0;
    let lastRead: LogPosition | undefined;
    let lastCheckpoint: bigint | undefined;
    const checkpoint = async (): Promise<void> => {
      readSinceCheckpoint = 0;
      if (!lastRead || (lastCheckpoint !== undefined && lastRead.commit <= lastCheckpoint)) return;
      lastCheckpoint = lastRead.commit;
      await handlers.onCheckpoint?.(lastRead);
    };
    while (!closed) {
      const stored = source.next();
      if (stored) {
        lastRead = stored.position;
        readSinceCheckpoint += 1;
        if (matchesFilter(source.filter, stored)) await handlers.onEvent(source.decode(stored));
        if (!closed && readSinceCheckpoint >= CHECKPOINT_WINDOW) await checkpoint();
        continue;
      }
      if (!caughtUp) {
        caughtUp = true;
        await checkpoint();
        if (!closed) await handlers.onCaughtUp?.();
        continue;
      }
      await Promise.race([source.waitForAppend(), closedSignal]);
    }
  };

  const done = run().catch((error: unknown) => {
    closed = true;
    handlers.onError?.(error, false);
  });
  void done.finally(onClosed);

  return {
    async close() {
      closed = true;
      wakeOnClose();
      await done;
    },
  };
}
