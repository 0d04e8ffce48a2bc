import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { prepareEvents, resolvePrevHash, type Clock } from './append-preparation';
import { matchesFilter } from './all-filter';
import { toEsdbConnectionString } from './connection-string';
import { decodeAppendDataNatively, metadataBytes } from './esdb-append-encoding';
import { isUnavailable, mapEsdbError } from './esdb-errors';
import { EsdbAllSubscription, type ResubscribeBackoff } from './esdb-subscription';
import type { EventRegistry } from './event-registry';
import { StreamNotFound } from './errors';
import type { ChainEvent } from './hash-chain';
import { decodeStoredEvent } from './recorded-event-decoding';
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

export interface EsdbEventStoreOptions {
  readonly client: EventStoreDBClient;
  readonly registry: EventRegistry;
  readonly clock?: Clock;
  /**
   * How often a call that failed because the server was unreachable is repeated (after 100, 200, 400 ms ...).
   * Appends carry explicit event ids, so a repeated append that had landed is an idempotent success.
   * Default 3.
   */
  readonly unavailableRetries?: number;
  readonly resubscribeBackoff?: ResubscribeBackoff;
}

const READ_ALL_PAGE = 500;

/** The event store port over EventStoreDB / KurrentDB (or esdb-lite), through @eventstore/db-client. */
export class EsdbEventStore implements EventStorePort {
  private readonly client: EventStoreDBClient;
  private readonly registry: EventRegistry;
  private readonly clock: Clock;
  private readonly unavailableRetries: number;
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = options.client;
    this.registry = options.registry;
    this.clock = options.clock ?? (() => new Date());
    this.unavailableRetries = options.unavailableRetries ?? 3;
    decodeAppendDataNatively();
  }

  /** Connects to an EVENT_STORE_URL (`esdb://`, `esdb+discover://`, `kurrentdb://`, `kurrentdb+discover://`). */
  static connect(url: string, registry: EventRegistry, options: Omit<EsdbEventStoreOptions, 'client' | 'registry'> = {}): EsdbEventStore {
    const client = EventStoreDBClient.connectionString(toEsdbConnectionString(url));
    return new EsdbEventStore({ ...options, client, registry });
  }

  async append(stream: string, events: readonly ProposedEvent[], options: AppendOptions): Promise<AppendResult> {
    const prevHash = await resolvePrevHash((name, revision) => this.storedEvent(name, revision), stream, options);
    const prepared = prepareEvents(this.registry, stream, events, options.context, prevHash, this.clock());
    const toWrite = prepared.map((event) =>
      jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: metadataBytes(event.metadata) }),
    );
    const result = await this.call(stream, () =>
      this.client.appendToStream(stream, toWrite, { expectedRevision: toClientExpected(options.expectedRevision) }),
    );
    const position = result.position ?? (await this.storedEvent(stream, result.nextExpectedRevision))?.position;
    if (!position) throw new Error(`Append to '${stream}' returned no log position`);
    return { nextExpectedRevision: result.nextExpectedRevision, position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const resolvedEvents = await this.call(stream, () =>
      collect(
        this.client.readStream(stream, {
          fromRevision: from === 'start' ? START : from === 'end' ? END : from,
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        }),
      ),
    );
    return resolvedEvents.flatMap((resolved) => {
      const recorded = this.decode(resolved);
      return recorded ? [recorded] : [];
    });
  }

  /** Filters client-side (6.2.1 cannot filter `$all` reads on the server), paging until maxCount match. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const wanted = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let from: LogPosition | 'start' | 'end' = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    let skipAtOrBefore: bigint | undefined;
    const matched: RecordedEvent[] = [];
    while (matched.length < wanted) {
      const page = await this.call(undefined, () =>
        collect(
          this.client.readAll({
            fromPosition: from === 'start' ? START : from === 'end' ? END : from,
            direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
            maxCount: READ_ALL_PAGE,
          }),
        ),
      );
      for (const resolved of page) {
        const event = resolved.event;
        if (!event?.position) continue;
        if (skipAtOrBefore !== undefined && event.position.commit <= skipAtOrBefore) continue;
        if (!matchesFilter(options.filter, { type: event.type, streamName: event.streamId })) continue;
        const recorded = this.decode(resolved);
        if (recorded) matched.push(recorded);
        if (matched.length >= wanted) break;
      }
      const last = page[page.length - 1]?.event?.position;
      if (page.length < READ_ALL_PAGE || !last) break;
      from = last;
      // Forward reads include their start position, backward reads do not.
      skipAtOrBefore = direction === 'forwards' ? last.commit : undefined;
    }
    return matched;
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    const subscription = new EsdbAllSubscription(
      this.client,
      (resolved) => this.decode(resolved),
      options,
      {
        ...handlers,
        onError: (error, willResubscribe) => {
          if (!willResubscribe) this.subscriptions.delete(subscription);
          handlers.onError?.(error, willResubscribe);
        },
      },
      this.options.resubscribeBackoff,
    );
    this.subscriptions.add(subscription);
    return {
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async deleteStream(
    stream: string,
    options: { expectedRevision?: Exclude<ExpectedRevision, 'stream_exists'> } = {},
  ): Promise<void> {
    const expected = options.expectedRevision ?? 'any';
    await this.call(stream, () =>
      this.client.deleteStream(stream, { expectedRevision: expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : expected }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  /** One event as stored, for the hash chain (and positions); undefined when there is none. */
  private async storedEvent(stream: string, revision: bigint | 'end'): Promise<(ChainEvent & { position?: LogPosition }) | undefined> {
    try {
      const [resolved] = await this.call(stream, () =>
        collect(this.client.readStream(stream, { fromRevision: revision === 'end' ? END : revision, direction: BACKWARDS, maxCount: 1 })),
      );
      const event = resolved?.event;
      if (!event || (revision !== 'end' && event.revision !== revision)) return undefined;
      return {
        streamName: event.streamId,
        id: event.id,
        revision: event.revision,
        type: event.type,
        data: event.isJson ? event.data : undefined,
        metadata: event.metadata,
        position: event.position,
      };
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
  }

  private decode(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || event.type.startsWith('$')) return undefined;
    return decodeStoredEvent(this.registry, {
      id: event.id,
      streamName: event.streamId,
      revision: event.revision,
      position: event.position ?? { commit: resolved.commitPosition ?? -1n, prepare: resolved.commitPosition ?? -1n },
      type: event.type,
      data: event.isJson ? event.data : undefined,
      metadata: event.metadata,
      created: event.created,
    });
  }

  /** Runs a client call, maps its errors to ours, and repeats it while the server is unreachable. */
  private async call<T>(stream: string | undefined, action: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await action();
      } catch (error) {
        if (!isUnavailable(error) || attempt >= this.unavailableRetries) throw mapEsdbError(error, stream);
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }
}

function toClientExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return expected;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}
