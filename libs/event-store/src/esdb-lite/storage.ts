import type Database from 'better-sqlite3';
import { openOwnedSqliteFile } from '../sqlite-owned-file';

/**
 * The SQLite file behind esdb-lite: one row per event, the log position is the INTEGER PRIMARY KEY
 * (rowid), so `$all` is a rowid range scan and positions only grow. Streams get a small integer id, which
 * keeps the (stream, revision) index compact. Only this module writes SQL.
 */

/** EventNumber.DeletedStream (long.MaxValue): the revision of a tombstone. JS reads it back as 2^63. */
export const TOMBSTONE_REVISION = 2 ** 63;
const TOMBSTONE_REVISION_SQL = 9223372036854775807n;

export type Synchronous = 'normal' | 'full';

export interface StoredEvent {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Buffer;
  readonly metadata: Buffer;
  /** Microseconds since the Unix epoch (the wire wants .NET ticks: ten per microsecond). */
  readonly createdUs: number;
}

export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Buffer;
  readonly metadata: Buffer;
}

export interface StreamRow {
  readonly id: number;
  readonly lastRevision: number;
  readonly tombstoned: boolean;
}

export interface StreamRange {
  readonly streamId: number;
  readonly streamName: string;
  /** Inclusive bounds. */
  readonly fromRevision: number;
  readonly toRevision: number;
  readonly minCreatedUs: number;
  readonly limit: number;
}

interface EventRow {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  is_json: number;
  data: Buffer;
  metadata: Buffer;
  created_us: number;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  last_revision INTEGER NOT NULL,
  tombstoned INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  is_json INTEGER NOT NULL,
  data BLOB NOT NULL,
  metadata BLOB NOT NULL,
  created_us INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream_revision ON events (stream_id, revision);
`;

const EVENT_COLUMNS = `e.position, s.name AS stream, e.revision, e.event_id AS id, e.type, e.is_json, e.data,
  e.metadata, e.created_us`;
const FROM_EVENTS = `FROM events e JOIN streams s ON s.id = e.stream_id`;

const toEvent = (row: EventRow): StoredEvent => ({
  position: row.position,
  stream: row.stream,
  revision: row.revision,
  id: row.id,
  type: row.type,
  isJson: row.is_json === 1,
  data: row.data,
  metadata: row.metadata,
  createdUs: row.created_us,
});

const revisionParam = (revision: number): number | bigint =>
  revision >= TOMBSTONE_REVISION ? TOMBSTONE_REVISION_SQL : revision;

function prepareStatements(db: Database.Database) {
  return {
    streamByName: db.prepare<[string], { id: number; last_revision: number; tombstoned: number }>(
      'SELECT id, last_revision, tombstoned FROM streams WHERE name = ?',
    ),
    insertStream: db.prepare<[string]>('INSERT INTO streams (name, last_revision) VALUES (?, -1)'),
    updateStream: db.prepare<[number, number, number]>(
      'UPDATE streams SET last_revision = ?, tombstoned = ? WHERE id = ?',
    ),
    insertEvent: db.prepare<[number, number | bigint, string, string, number, Buffer, Buffer, number]>(
      `INSERT INTO events (stream_id, revision, event_id, type, is_json, data, metadata, created_us)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    eventAtRevision: db.prepare<[number, number | bigint], EventRow>(
      `SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} WHERE e.stream_id = ? AND e.revision = ?`,
    ),
    idAtRevision: db.prepare<[number, number], { id: string }>(
      'SELECT event_id AS id FROM events WHERE stream_id = ? AND revision = ?',
    ),
    eventAtPosition: db.prepare<[number], EventRow>(`SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} WHERE e.position = ?`),
    streamForward: db.prepare<[number, number | bigint, number | bigint, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} ${FROM_EVENTS}
       WHERE e.stream_id = ? AND e.revision >= ? AND e.revision <= ? AND e.created_us >= ?
       ORDER BY e.revision LIMIT ?`,
    ),
    streamBackward: db.prepare<[number, number | bigint, number | bigint, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} ${FROM_EVENTS}
       WHERE e.stream_id = ? AND e.revision >= ? AND e.revision <= ? AND e.created_us >= ?
       ORDER BY e.revision DESC LIMIT ?`,
    ),
    allForward: db.prepare<[number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} WHERE e.position >= ? ORDER BY e.position LIMIT ?`,
    ),
    allBackward: db.prepare<[number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} ${FROM_EVENTS} WHERE e.position < ? ORDER BY e.position DESC LIMIT ?`,
    ),
    head: db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    recentIds: db.prepare<[number], { position: number; id: string }>(
      'SELECT position, event_id AS id FROM events ORDER BY position DESC LIMIT ?',
    ),
  };
}

export class EventStorage {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly inTransaction: (work: () => unknown) => unknown;

  constructor(file: string, synchronous: Synchronous = 'normal') {
    // The log's head and its idempotency cache live in this process's memory: two servers on one file would
    // hand out the same revisions.
    this.db = openOwnedSqliteFile(file, { what: 'The esdb-lite data file', remedy: 'give each server its own file' });
    this.db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('cache_size = -32000');
    this.migrate();
    this.statements = prepareStatements(this.db);
    this.inTransaction = this.db.transaction((work: () => unknown) => work());
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`esdb-lite data file has schema version ${version}; this build knows up to ${SCHEMA_VERSION}`);
    }
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  /** Runs `work` in one SQLite transaction: everything it writes commits together or not at all. */
  transaction<T>(work: () => T): T {
    return this.inTransaction(work) as T;
  }

  stream(name: string): StreamRow | undefined {
    const row = this.statements.streamByName.get(name);
    return row && { id: row.id, lastRevision: row.last_revision, tombstoned: row.tombstoned === 1 };
  }

  private ensureStream(name: string): StreamRow {
    const existing = this.stream(name);
    if (existing) return existing;
    const { lastInsertRowid } = this.statements.insertStream.run(name);
    return { id: Number(lastInsertRowid), lastRevision: -1, tombstoned: false };
  }

  /** Appends events at consecutive revisions from `firstRevision` (or the tombstone); call inside transaction(). */
  insertEvents(
    streamName: string,
    events: readonly NewEvent[],
    firstRevision: number,
    options: { tombstone?: boolean; row?: StreamRow } = {},
  ): StoredEvent[] {
    const stream = options.row ?? this.ensureStream(streamName);
    const createdUs = Date.now() * 1000;
    const written: StoredEvent[] = [];
    let revision = firstRevision;
    for (const event of events) {
      const eventRevision = options.tombstone ? TOMBSTONE_REVISION : revision;
      const { lastInsertRowid } = this.statements.insertEvent.run(
        stream.id,
        revisionParam(eventRevision),
        event.id,
        event.type,
        event.isJson ? 1 : 0,
        event.data,
        event.metadata,
        createdUs,
      );
      written.push({ ...event, position: Number(lastInsertRowid), stream: streamName, revision: eventRevision, createdUs });
      revision++;
    }
    const lastRevision = options.tombstone ? stream.lastRevision : revision - 1;
    this.statements.updateStream.run(lastRevision, options.tombstone ? 1 : 0, stream.id);
    return written;
  }

  eventAtRevision(streamName: string, revision: number): StoredEvent | undefined {
    const stream = this.stream(streamName);
    if (!stream) return undefined;
    const row = this.statements.eventAtRevision.get(stream.id, revisionParam(revision));
    return row && toEvent(row);
  }

  /** Like eventAtRevision, for a stream row already at hand. */
  eventAtStreamRevision(stream: StreamRow, revision: number): StoredEvent | undefined {
    const row = this.statements.eventAtRevision.get(stream.id, revisionParam(revision));
    return row && toEvent(row);
  }

  idAtRevision(streamId: number, revision: number): string | undefined {
    return this.statements.idAtRevision.get(streamId, revision)?.id;
  }

  eventAtPosition(position: number): StoredEvent | undefined {
    const row = this.statements.eventAtPosition.get(position);
    return row && toEvent(row);
  }

  readStreamForward(range: StreamRange): StoredEvent[] {
    return this.statements.streamForward
      .all(range.streamId, revisionParam(range.fromRevision), revisionParam(range.toRevision), range.minCreatedUs, range.limit)
      .map(toEvent);
  }

  readStreamBackward(range: StreamRange): StoredEvent[] {
    return this.statements.streamBackward
      .all(range.streamId, revisionParam(range.fromRevision), revisionParam(range.toRevision), range.minCreatedUs, range.limit)
      .map(toEvent);
  }

  /** Events at or after `fromPosition`, ascending. */
  readAllForward(fromPosition: number, limit: number): StoredEvent[] {
    return this.statements.allForward.all(fromPosition, limit).map(toEvent);
  }

  /** Events strictly before `beforePosition`, descending. */
  readAllBackward(beforePosition: number, limit: number): StoredEvent[] {
    return this.statements.allBackward.all(beforePosition, limit).map(toEvent);
  }

  /** Position of the last event in the log, or -1 when it is empty. */
  headPosition(): number {
    return this.statements.head.get()?.position ?? -1;
  }

  /** The newest event ids, newest first (to warm the idempotency cache after a restart). */
  recentEventIds(limit: number): Array<{ position: number; id: string }> {
    return this.statements.recentIds.all(limit);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
