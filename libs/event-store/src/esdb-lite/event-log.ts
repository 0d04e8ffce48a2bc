import { randomUUID } from 'node:crypto';
import { decideAppend, type Expected, type StreamSnapshot } from './expected-revision';
import { EventStorage, type NewEvent, type StoredEvent, type StreamRow } from './storage';
import { RecentEventIds } from './recent-event-ids';
import {
  METADATA_EVENT_TYPE,
  METASTREAM_VISIBILITY,
  TOMBSTONE_EVENT_TYPE,
  isMetastream,
  metastreamOf,
  parseMetadata,
  softDeletedMetadata,
  undeletedMetadata,
  visibilityOf,
  type Visibility,
} from './stream-metadata';

/**
 * The store behind the gRPC handlers, free of any wire types: appends with EventStoreDB's expected-revision
 * rules, soft delete / tombstone, stream and `$all` reads, and a commit listener for live subscriptions.
 *
 * Group commit: writes that arrive before the next turn of the event loop are decided one after the other
 * (each sees the ones before it) and committed together in one SQLite transaction, each inside its own
 * savepoint, so one append is still all or nothing. A write is acknowledged (its promise resolves) and
 * published to listeners only after that commit; with `synchronous=FULL` a group costs one fsync.
 */

export interface LogPosition {
  readonly commit: number;
  readonly prepare: number;
}

export type WriteOutcome =
  | { readonly kind: 'success'; readonly currentRevision: number; readonly position?: LogPosition }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: number }
  | { readonly kind: 'stream_deleted' };

/** What a reader may see of one stream right now. */
export type StreamView =
  | { readonly kind: 'missing' }
  | { readonly kind: 'tombstoned' }
  | {
      readonly kind: 'visible';
      readonly streamId: number;
      readonly name: string;
      /** Lowest revision a read may return ($tb, $maxCount). */
      readonly minRevision: number;
      readonly lastRevision: number;
      readonly minCreatedUs: number;
    };

export type CommitListener = (events: readonly StoredEvent[]) => void;

interface WriteResult {
  readonly outcome: WriteOutcome;
  readonly written: StoredEvent[];
}

interface PendingWrite {
  readonly work: () => WriteResult;
  readonly resolve: (outcome: WriteOutcome) => void;
  readonly reject: (error: unknown) => void;
}

export interface EventLogOptions {
  /** How many recent event ids are remembered for idempotent `any`/`stream_exists` retries. */
  readonly idempotencyCacheSize?: number;
}

const toPosition = (first: StoredEvent, last: StoredEvent): LogPosition => ({
  commit: last.position,
  prepare: first.position,
});

export class EventLog {
  private readonly listeners = new Set<CommitListener>();
  private readonly recentIds: RecentEventIds;
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private closed = false;

  constructor(
    private readonly storage: EventStorage,
    options: EventLogOptions = {},
  ) {
    const capacity = options.idempotencyCacheSize ?? 100_000;
    this.recentIds = new RecentEventIds(capacity);
    for (const { id, position } of storage.recentEventIds(capacity).reverse()) this.recentIds.remember(id, position);
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(stream: string, expected: Expected, events: readonly NewEvent[]): Promise<WriteOutcome> {
    return this.enqueue(() => this.appendInTransaction(stream, expected, events));
  }

  /** Soft delete (`$tb` = DeletedStream in the metadata) or tombstone (a `$streamDeleted` event, forever). */
  delete(stream: string, expected: Expected, mode: 'soft' | 'tombstone'): Promise<WriteOutcome> {
    return this.enqueue(() => this.deleteInTransaction(stream, expected, mode));
  }

  /** Commits what is queued, then refuses further writes. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private enqueue(work: () => WriteResult): Promise<WriteOutcome> {
    if (this.closed) return Promise.reject(new Error('esdb-lite is stopping'));
    return new Promise((resolve, reject) => {
      this.pending.push({ work, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let results: Array<{ result?: WriteResult; error?: unknown }>;
    try {
      results = this.storage.transaction(() =>
        group.map(({ work }) => {
          try {
            return { result: this.storage.transaction(work) }; // nested: a savepoint per write
          } catch (error) {
            return { error };
          }
        }),
      );
    } catch (error) {
      for (const write of group) write.reject(error); // the commit failed: nothing of the group is stored
      return;
    }
    this.published(results.flatMap(({ result }) => result?.written ?? []));
    results.forEach(({ result, error }, i) => (result ? group[i].resolve(result.outcome) : group[i].reject(error)));
  }

  private appendInTransaction(stream: string, expected: Expected, events: readonly NewEvent[]): WriteResult {
    const row = this.storage.stream(stream);
    const snapshot = this.snapshot(stream, row);
    const decision = decideAppend(
      snapshot,
      expected,
      events.map((e) => e.id),
      {
        idAt: (revision) => (row ? this.storage.idAtRevision(row.id, revision) : undefined),
        recentRevisionOf: (id) => this.recentRevisionOf(stream, id),
      },
    );
    switch (decision.kind) {
      case 'stream_deleted':
        return { outcome: decision, written: [] };
      case 'wrong_expected_version':
        return { outcome: decision, written: [] };
      case 'idempotent': {
        const first = this.storage.eventAtRevision(stream, decision.firstRevision);
        const last = this.storage.eventAtRevision(stream, decision.lastRevision);
        const position = first && last ? toPosition(first, last) : undefined;
        return { outcome: { kind: 'success', currentRevision: decision.lastRevision, position }, written: [] };
      }
      case 'write': {
        if (events.length === 0) {
          return { outcome: { kind: 'success', currentRevision: snapshot.lastRevision }, written: [] };
        }
        const written = this.insert(stream, events, decision.firstRevision, { row });
        const first = written[0];
        const last = written[written.length - 1];
        if (decision.undelete) {
          // SoftUndelete: the events before the delete stay hidden.
          const metadata = undeletedMetadata(this.metadataOf(stream), decision.firstRevision);
          written.push(...this.writeMetadata(stream, metadata));
        }
        return {
          outcome: { kind: 'success', currentRevision: last.revision, position: toPosition(first, last) },
          written,
        };
      }
    }
  }

  private deleteInTransaction(stream: string, expected: Expected, mode: 'soft' | 'tombstone'): WriteResult {
    const row = this.storage.stream(stream);
    const snapshot = this.snapshot(stream, row);
    if (snapshot.tombstoned) return { outcome: { kind: 'stream_deleted' }, written: [] };
    // A stream that never had events nor metadata cannot be deleted, whatever the expected revision.
    if (snapshot.lastRevision < 0 && !snapshot.hasMetadata) {
      return { outcome: { kind: 'wrong_expected_version', currentRevision: -1 }, written: [] };
    }
    const decision = decideAppend(snapshot, expected, [randomUUID()], {
      idAt: (revision) => (row ? this.storage.idAtRevision(row.id, revision) : undefined),
      recentRevisionOf: () => undefined,
    });
    if (decision.kind === 'stream_deleted' || decision.kind === 'wrong_expected_version') {
      return { outcome: decision, written: [] };
    }
    const written =
      mode === 'tombstone'
        ? this.insert(stream, [tombstoneEvent()], snapshot.lastRevision + 1, { tombstone: true, row })
        : this.writeMetadata(stream, softDeletedMetadata(this.metadataOf(stream)));
    const record = written[0];
    return {
      outcome: {
        kind: 'success',
        currentRevision: snapshot.lastRevision,
        position: { commit: record.position, prepare: record.position },
      },
      written,
    };
  }

  view(stream: string): StreamView {
    const row = this.storage.stream(stream);
    if (row?.tombstoned) return { kind: 'tombstoned' };
    if (!row || row.lastRevision < 0) return { kind: 'missing' };
    const visibility = this.visibilityOf(stream);
    if (visibility.softDeleted) return { kind: 'missing' };
    const byCount = visibility.maxCount === undefined ? 0 : row.lastRevision - visibility.maxCount + 1;
    return {
      kind: 'visible',
      streamId: row.id,
      name: stream,
      minRevision: Math.max(0, visibility.truncateBefore, byCount),
      lastRevision: row.lastRevision,
      minCreatedUs: visibility.maxAge === undefined ? 0 : Date.now() * 1000 - visibility.maxAge * 1_000_000,
    };
  }

  /** Visible events of a stream from `fromRevision` upwards (inclusive). */
  readStreamForward(view: StreamView & { kind: 'visible' }, fromRevision: number, limit: number): StoredEvent[] {
    return this.storage.readStreamForward({
      streamId: view.streamId,
      streamName: view.name,
      fromRevision: Math.max(fromRevision, view.minRevision),
      toRevision: view.lastRevision,
      minCreatedUs: view.minCreatedUs,
      limit,
    });
  }

  /** Visible events of a stream from `fromRevision` downwards (inclusive). */
  readStreamBackward(view: StreamView & { kind: 'visible' }, fromRevision: number, limit: number): StoredEvent[] {
    return this.storage.readStreamBackward({
      streamId: view.streamId,
      streamName: view.name,
      fromRevision: view.minRevision,
      toRevision: Math.min(fromRevision, view.lastRevision),
      minCreatedUs: view.minCreatedUs,
      limit,
    });
  }

  readAllForward(fromPosition: number, limit: number): StoredEvent[] {
    return this.storage.readAllForward(fromPosition, limit);
  }

  readAllBackward(beforePosition: number, limit: number): StoredEvent[] {
    return this.storage.readAllBackward(beforePosition, limit);
  }

  headPosition(): number {
    return this.storage.headPosition();
  }

  /** Revision of the stream's last event (-1 when none), ignoring metadata. */
  lastRevision(stream: string): number {
    return this.storage.stream(stream)?.lastRevision ?? -1;
  }

  private snapshot(stream: string, row: StreamRow | undefined): StreamSnapshot {
    const metastream = this.storage.stream(metastreamOf(stream));
    const hasMetadata = (metastream?.lastRevision ?? -1) >= 0;
    return {
      lastRevision: row?.lastRevision ?? -1,
      tombstoned: row?.tombstoned ?? false,
      softDeleted: hasMetadata && this.visibilityOf(stream, metastream).softDeleted,
      hasMetadata,
    };
  }

  /** The latest `$metadata` of a stream; pass its metastream's row when already looked up. */
  private metadataOf(stream: string, metastreamRow?: StreamRow): Record<string, unknown> | undefined {
    const row = metastreamRow ?? this.storage.stream(metastreamOf(stream));
    if (!row || row.lastRevision < 0) return undefined;
    return parseMetadata(this.storage.eventAtStreamRevision(row, row.lastRevision)?.data);
  }

  private visibilityOf(stream: string, metastreamRow?: StreamRow): Visibility {
    return isMetastream(stream) ? METASTREAM_VISIBILITY : visibilityOf(this.metadataOf(stream, metastreamRow));
  }

  private writeMetadata(stream: string, data: Buffer): StoredEvent[] {
    const metastream = metastreamOf(stream);
    const next = (this.storage.stream(metastream)?.lastRevision ?? -1) + 1;
    const event: NewEvent = { id: randomUUID(), type: METADATA_EVENT_TYPE, isJson: true, data, metadata: EMPTY };
    return this.insert(metastream, [event], next);
  }

  /** Inserts and remembers the ids at once, so a later write of the same group already sees them. */
  private insert(...args: Parameters<EventStorage['insertEvents']>): StoredEvent[] {
    const written = this.storage.insertEvents(...args);
    for (const event of written) this.recentIds.remember(event.id, event.position);
    return written;
  }

  private recentRevisionOf(stream: string, eventId: string): number | undefined {
    const position = this.recentIds.positionOf(eventId);
    if (position === undefined) return undefined;
    // Checked against the log: an id remembered from a group whose commit failed points nowhere valid.
    const event = this.storage.eventAtPosition(position);
    return event && event.stream === stream && event.id === eventId ? event.revision : undefined;
  }

  private published(written: readonly StoredEvent[]): void {
    if (written.length === 0) return;
    for (const listener of [...this.listeners]) listener(written);
  }
}

const EMPTY = Buffer.alloc(0);

const tombstoneEvent = (): NewEvent => ({
  id: randomUUID(),
  type: TOMBSTONE_EVENT_TYPE,
  isJson: false,
  data: EMPTY,
  metadata: EMPTY,
});
