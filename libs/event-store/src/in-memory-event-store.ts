import { prepareEvents, resolvePrevHash, type Clock } from './append-preparation';
import { StreamNotFound, WrongExpectedVersion, type ActualRevision } from './errors';
import type { EventRegistry } from './event-registry';
import { matchesFilter } from './all-filter';
import { decodeStoredEvent, type StoredEvent } from './recorded-event-decoding';
import { startPolledSubscription } from './polled-subscription';
import type {
  AppendOptions,
  AppendResult,
  EventStorePort,
  ExpectedRevision,
  LogPosition,
  ProposedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionHandlers,
} from './port';

interface StreamState {
  /** Every event ever appended, hidden ones included; index = revision. */
  readonly events: StoredEvent[];
  /** Events below this revision were soft-deleted. */
  visibleFrom: bigint;
  softDeleted: boolean;
}

export interface InMemoryEventStoreOptions {
  readonly registry: EventRegistry;
  readonly clock?: Clock;
}

/**
 * The event store port in memory, with EventStoreDB's rules (expected revisions, idempotent retries by event
 * id, soft delete, `$all` positions, catch-up subscriptions with checkpoints), for unit tests without I/O.
 */
export class InMemoryEventStore implements EventStorePort {
  private readonly registry: EventRegistry;
  private readonly clock: Clock;
  private readonly streams = new Map<string, StreamState>();
  private readonly log: StoredEvent[] = [];
  private readonly subscriptions = new Set<Subscription>();
  private readonly appendListeners = new Set<() => void>();
  private nextPosition = 1n;

  constructor(options: InMemoryEventStoreOptions) {
    this.registry = options.registry;
    this.clock = options.clock ?? (() => new Date());
  }

  async append(stream: string, events: readonly ProposedEvent[], options: AppendOptions): Promise<AppendResult> {
    const prevHash = await resolvePrevHash(async (name, revision) => this.storedEvent(name, revision), stream, options);
    const prepared = prepareEvents(this.registry, stream, events, options.context, prevHash, this.clock());
    // Everything below runs without awaiting, so the revision check and the write are atomic.
    const state = this.streams.get(stream);
    const idempotent = this.idempotentResult(stream, state, prepared, options.expectedRevision);
    if (idempotent) return idempotent;
    const created = this.clock();
    const target = state ?? { events: [], visibleFrom: 0n, softDeleted: false };
    const written = prepared.map((event, offset): StoredEvent => {
      const position = this.takePosition();
      return { ...event, streamName: stream, revision: BigInt(target.events.length + offset), position, created };
    });
    for (const event of written) target.events.push(event);
    target.softDeleted = false;
    this.streams.set(stream, target);
    this.log.push(...written);
    this.notifyAppended();
    const last = written[written.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const visible = this.visibleEvents(stream);
    if (visible.length === 0) throw new StreamNotFound(stream);
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    let selected: StoredEvent[];
    if (direction === 'forwards') {
      selected = from === 'end' ? [] : visible.filter((event) => from === 'start' || event.revision >= from);
    } else {
      selected = (from === 'start' ? [] : visible.filter((event) => from === 'end' || event.revision <= from)).reverse();
    }
    return this.decodeAll(selected.slice(0, options.maxCount ?? Infinity));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    let selected: StoredEvent[];
    if (direction === 'forwards') {
      selected = from === 'end' ? [] : this.log.filter((event) => from === 'start' || event.position.commit >= from.commit);
    } else {
      selected = (from === 'start' ? [] : this.log.filter((event) => from === 'end' || event.position.commit < from.commit)).reverse();
    }
    const matching = selected.filter((event) => matchesFilter(options.filter, event));
    return this.decodeAll(matching.slice(0, options.maxCount ?? Infinity));
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    const from = options.fromPosition ?? 'start';
    let index = from === 'start' ? 0 : from === 'end' ? this.log.length : this.firstIndexAfter(from);
    const subscription = startPolledSubscription(
      {
        next: () => (index < this.log.length ? this.log[index++] : undefined),
        waitForAppend: () => new Promise<void>((resolve) => this.appendListeners.add(resolve)),
        decode: (stored) => this.decode(stored),
        filter: options.filter,
      },
      handlers,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async deleteStream(
    stream: string,
    options: { expectedRevision?: Exclude<ExpectedRevision, 'stream_exists'> } = {},
  ): Promise<void> {
    const expected = options.expectedRevision ?? 'any';
    const state = this.streams.get(stream);
    const current = state ? BigInt(state.events.length) - 1n : -1n;
    const matches =
      current >= 0n && (expected === 'any' || (expected === 'no_stream' ? false : expected === current));
    if (!matches) throw new WrongExpectedVersion(stream, expected, toActual(current));
    if (state) {
      state.softDeleted = true;
      state.visibleFrom = current + 1n;
    }
    this.takePosition(); // EventStoreDB writes a `$metadata` record for the delete.
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  /**
   * Returns the original result when the append repeats one already written (same ids), throws
   * WrongExpectedVersion when the expectation fails, and returns undefined when the append may go ahead.
   */
  private idempotentResult(
    stream: string,
    state: StreamState | undefined,
    events: readonly { id: string }[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const current = state ? BigInt(state.events.length) - 1n : -1n;
    const all = state?.events ?? [];
    const wrong = () => new WrongExpectedVersion(stream, expected, toActual(current));

    if (expected === 'any' || expected === 'stream_exists') {
      if (expected === 'stream_exists' && (current < 0n || state?.softDeleted)) throw wrong();
      const first = all.findIndex((event) => event.id === events[0].id);
      if (first < 0) return undefined;
      return sameIdsFrom(all, first, events) ? resultOf(all[first + events.length - 1]) : throwError(wrong());
    }

    const expectedNumber = expected === 'no_stream' ? -1n : expected;
    if (expectedNumber === current) return undefined;
    if (expectedNumber > current) throw wrong();
    if (expected === 'no_stream' && state?.softDeleted) return undefined;
    const first = Number(expectedNumber + 1n);
    return sameIdsFrom(all, first, events) ? resultOf(all[first + events.length - 1]) : throwError(wrong());
  }

  private storedEvent(stream: string, revision: bigint | 'end'): StoredEvent | undefined {
    const visible = this.visibleEvents(stream);
    if (revision === 'end') return visible[visible.length - 1];
    return visible.find((event) => event.revision === revision);
  }

  private visibleEvents(stream: string): StoredEvent[] {
    const state = this.streams.get(stream);
    if (!state || state.softDeleted) return [];
    return state.events.filter((event) => event.revision >= state.visibleFrom);
  }

  private decodeAll(events: readonly StoredEvent[]): RecordedEvent[] {
    return events.map((event) => this.decode(event));
  }

  /** Hands out copies, so a caller changing what it read cannot change the store. */
  private decode(event: StoredEvent): RecordedEvent {
    return decodeStoredEvent(this.registry, { ...event, data: structuredClone(event.data), metadata: structuredClone(event.metadata) });
  }

  private firstIndexAfter(position: LogPosition): number {
    const index = this.log.findIndex((event) => event.position.commit > position.commit);
    return index < 0 ? this.log.length : index;
  }

  private takePosition(): LogPosition {
    const position = { commit: this.nextPosition, prepare: this.nextPosition };
    this.nextPosition += 1n;
    return position;
  }

  private notifyAppended(): void {
    const listeners = [...this.appendListeners];
    this.appendListeners.clear();
    for (const listener of listeners) listener();
  }
}

function sameIdsFrom(all: readonly StoredEvent[], first: number, events: readonly { id: string }[]): boolean {
  return events.every((event, offset) => all[first + offset]?.id === event.id);
}

function resultOf(last: StoredEvent): AppendResult {
  return { nextExpectedRevision: last.revision, position: last.position };
}

function toActual(current: bigint): ActualRevision {
  return current < 0n ? 'no_stream' : current;
}

function throwError(error: Error): never {
  throw error;
}
