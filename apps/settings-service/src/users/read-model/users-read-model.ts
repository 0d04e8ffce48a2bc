import type Database from 'better-sqlite3';
import { effectiveEmails } from '../effective-emails';
import { compareLogPositions, DASHBOARD_USER_STREAM_PREFIX, isStoredDashboardUserEvent } from '@scim/contracts';
import {
  hashRecordedEvent,
  openOwnedSqliteFile,
  type AllFilter,
  type KnownStreamHead,
  type LogPosition,
  type Projection,
  type RecordedEvent,
} from '@scim/event-store';
import { foldCase } from '@scim/scim';
import type { UserKeyStore } from '../crypto/user-key-store';
import { dashboardUserDecider } from '../dashboard-user.decider';
import { keyIdOf, openUserEvent } from '../dashboard-user-event-codec';
import type { DashboardUser, DashboardUserState } from '../dashboard-user.model';
import { compileUsersQuery, FOLD_FUNCTION, type UsersQueryInput } from './users-query';

/**
 * Bump when the tables change, or what the decider's evolve() makes of events (rows hold its state, and pinned
 * commands decide on it): an older file is then dropped and rebuilt from the log.
 */
const SCHEMA_VERSION = 3;

const DDL = `
  CREATE TABLE IF NOT EXISTS dashboard_users (
    company_id TEXT NOT NULL,
    id TEXT NOT NULL,
    external_id TEXT,
    user_name_lower TEXT NOT NULL,
    display_name TEXT,
    given_name TEXT,
    family_name TEXT,
    formatted_name TEXT,
    active INTEGER NOT NULL,
    department TEXT,
    emails TEXT NOT NULL,
    created TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    last_sign_in_at TEXT,
    resource TEXT NOT NULL,
    revision INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    PRIMARY KEY (company_id, id)
  );
  -- The lookups end in the default order (created, id): without it SQLite answers "userName eq ... ORDER BY
  -- created, id LIMIT n" by walking every row of the company in creation order (182 ms at 100k users).
  CREATE INDEX IF NOT EXISTS dashboard_users_by_user_name ON dashboard_users (company_id, user_name_lower, created, id);
  CREATE INDEX IF NOT EXISTS dashboard_users_by_external_id ON dashboard_users (company_id, external_id, created, id);
  CREATE INDEX IF NOT EXISTS dashboard_users_by_created ON dashboard_users (company_id, created, id);
  CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT PRIMARY KEY,
    commit_position TEXT NOT NULL,
    prepare_position TEXT NOT NULL
  );`;

const MAX_PREPARED_STATEMENTS = 256;

/**
 * How long applied events may wait for their commit. They are visible to this connection (every query) at
 * once; the wait only groups commits, so the WAL is written once per interval rather than once per event.
 */
export const COMMIT_INTERVAL_MS = 5;

/** How much of the file reads may map (SQLite caps it near 2 GiB): several hundred thousand users. */
const MMAP_BYTES = 1024 * 1024 * 1024;

interface UserRow {
  readonly resource: string;
  readonly revision: number;
}

export interface UserRecord {
  readonly user: DashboardUser;
  readonly revision: number;
}

export interface UsersPage {
  readonly totalResults: number;
  readonly startIndex: number;
  readonly records: readonly UserRecord[];
}

/**
 * The users read model in SQLite (a file under DATA_DIR, or `:memory:`), fed from the log by a
 * ProjectionRunner. It holds the personal data in clear, since that is what SCIM filters search: it is a
 * derived store that can be dropped and rebuilt at any time, rows of deleted users are deleted
 * (`secure_delete` overwrites them), and a rebuild cannot bring them back because their keys are gone.
 * Each event is applied in one transaction with the checkpoint (batched, see inBatch).
 */
export class SqliteUsersReadModel implements Projection {
  readonly name = 'settings.users-read-model';
  readonly filter: AllFilter = { kind: 'streamName', prefixes: [DASHBOARD_USER_STREAM_PREFIX] };
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Runs work in a savepoint of the open batch (better-sqlite3 nests transactions as savepoints). */
  private readonly inSavepoint: (work: () => void) => void;
  /** The checkpoint as this connection sees it; null until read from the file. */
  private checkpoint: LogPosition | undefined | null = null;
  /** The checkpoint moved in the open batch: it is written once, when the batch commits. */
  private checkpointMoved = false;
  private commitTimer: NodeJS.Timeout | undefined;

  constructor(
    filename: string,
    private readonly keys: UserKeyStore,
  ) {
    // The file belongs to one instance (see users.module).
    this.db = openOwnedSqliteFile(filename, { what: 'The users read model', remedy: 'give each settings-service instance its own file' });
    // A derived store with its checkpoint in the same transaction: a power cut may lose the last commits,
    // never consistency, and they are replayed from the log. No fsync per applied event.
    this.db.pragma('synchronous = NORMAL');
    // Reads go through memory-mapped pages instead of a read(2) per page missing from SQLite's own cache:
    // GET by id at 100k users cost settings-service about half the CPU with it (tools/bench). The mapping is
    // the OS page cache, not heap; an I/O error then ends the process, and the model is rebuilt from the log.
    this.db.pragma(`mmap_size = ${MMAP_BYTES}`);
    this.db.pragma('secure_delete = ON');
    this.db.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) => foldCase(value) as string | null);
    if (this.db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) this.dropTables();
    this.createTables();
    this.inSavepoint = this.db.transaction((work: () => void) => work());
  }

  loadCheckpoint(): LogPosition | undefined {
    if (this.checkpoint === null) {
      const row = this.statement<[string], { commit_position: string; prepare_position: string }>(
          'SELECT commit_position, prepare_position FROM projection_checkpoints WHERE name = ?',
        )
        .get(this.name);
      this.checkpoint = row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : undefined;
    }
    return this.checkpoint;
  }

  /** Never moves back: an event delivered again does not rewind the model's position. */
  saveCheckpoint(position: LogPosition): void {
    this.inBatch(() => this.moveCheckpoint(position));
  }

  async apply(event: RecordedEvent): Promise<void> {
    if (!isStoredDashboardUserEvent(event)) {
      this.saveCheckpoint(event.position);
      return;
    }
    const keyId = keyIdOf(event);
    const key = keyId ? await this.keys.findById(keyId) : undefined;
    const domainEvent = openUserEvent(event, key);
    const { companyId, userId } = event.data;
    const revision = Number(event.revision);
    this.inBatch(() => {
      const row = this.statement<[string, string], UserRow>('SELECT resource, revision FROM dashboard_users WHERE company_id = ? AND id = ?')
        .get(companyId, userId);
      if (row && row.revision >= revision) {
        this.moveCheckpoint(event.position); // delivered again (e.g. after a restart between apply and checkpoint)
        return;
      }
      const before: DashboardUserState = row ? { status: 'live', user: JSON.parse(row.resource) as DashboardUser } : { status: 'absent' };
      const after = dashboardUserDecider.evolve(before, domainEvent);
      // Without readable personal data there is nothing to search on: only a deprovisioned user's events, normally.
      if (after.status === 'live' && after.user.userName !== null && after.user.profile !== null) {
        this.upsert(after.user, revision, hashRecordedEvent(event));
      } else {
        this.statement('DELETE FROM dashboard_users WHERE company_id = ? AND id = ?').run(companyId, userId);
      }
      this.moveCheckpoint(event.position);
    });
  }

  /**
   * Events applied within COMMIT_INTERVAL_MS share one SQLite transaction, with the checkpoint written once
   * at its end; each event is a savepoint inside it, so a failing event undoes only itself. This connection's
   * queries see the batch at once; a crash before the commit loses nothing the log cannot replay, since the
   * checkpoint commits with the rows it covers.
   */
  private inBatch(work: () => void): void {
    if (!this.db.inTransaction) {
      this.statement('BEGIN').run();
      this.commitTimer = setTimeout(() => this.commitBatch(), COMMIT_INTERVAL_MS);
      this.commitTimer.unref();
    }
    this.inSavepoint(work);
  }

  private moveCheckpoint(position: LogPosition): void {
    const current = this.loadCheckpoint();
    if (current && compareLogPositions(position, current) <= 0) return;
    this.checkpoint = position;
    this.checkpointMoved = true;
  }

  private commitBatch(): void {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    if (!this.db.open || !this.db.inTransaction) return;
    if (this.checkpointMoved && this.checkpoint) {
      this.statement(
          `INSERT INTO projection_checkpoints (name, commit_position, prepare_position) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position`,
        )
        .run(this.name, this.checkpoint.commit.toString(), this.checkpoint.prepare.toString());
    }
    this.checkpointMoved = false;
    this.statement('COMMIT').run();
  }

  search(companyId: string, query: UsersQueryInput): UsersPage {
    const compiled = compileUsersQuery(query);
    const where = `company_id = ? AND (${compiled.where.sql})`;
    const params = [companyId, ...compiled.where.params];
    const { total } = this.statement<unknown[], { total: number }>(`SELECT COUNT(*) AS total FROM dashboard_users WHERE ${where}`).get(...params) ?? {
      total: 0,
    };
    const rows =
      compiled.limit === 0
        ? []
        : this.statement<unknown[], UserRow>(`SELECT resource, revision FROM dashboard_users WHERE ${where} ${compiled.orderBy.sql} LIMIT ? OFFSET ?`)
            .all(...params, ...compiled.orderBy.params, compiled.limit, compiled.offset);
    return { totalResults: total, startIndex: compiled.startIndex, records: rows.map(toRecord) };
  }

  /** One user of the company as the read model has it. */
  find(companyId: string, userId: string): UserRecord | undefined {
    const row = this.statement<[string, string], UserRow>('SELECT resource, revision FROM dashboard_users WHERE company_id = ? AND id = ?')
      .get(companyId, userId);
    return row ? toRecord(row) : undefined;
  }

  /**
   * The user's stream as this model has applied it: its state at `revision` and the hash of the event there.
   * A command pinned to that revision decides on it instead of folding the stream (handleCommand's `known`).
   */
  head(companyId: string, userId: string): KnownStreamHead<DashboardUserState> | undefined {
    const row = this.statement<[string, string], UserRow & { head_hash: string }>(
        'SELECT resource, revision, head_hash FROM dashboard_users WHERE company_id = ? AND id = ?',
      )
      .get(companyId, userId);
    if (!row) return undefined;
    const { user, revision } = toRecord(row);
    return { state: { status: 'live', user }, revision: BigInt(revision), headHash: row.head_hash };
  }

  count(): number {
    return this.statement<[], { total: number }>('SELECT COUNT(*) AS total FROM dashboard_users').get()?.total ?? 0;
  }

  /** Drops every row and the checkpoint: a projection started afterwards rebuilds the model from the log. */
  reset(): void {
    this.statements.clear();
    this.inSavepoint(() => {
      this.dropTables();
      this.createTables();
    });
    this.checkpoint = undefined;
    this.checkpointMoved = false;
  }

  close(): void {
    this.commitBatch();
    if (this.db.open) this.db.close();
  }

  private upsert(user: DashboardUser, revision: number, headHash: string): void {
    const profile = user.profile;
    if (!profile || user.userName === null) return;
    this.statement(
        `INSERT INTO dashboard_users (company_id, id, external_id, user_name_lower, display_name, given_name, family_name,
           formatted_name, active, department, emails, created, last_modified, last_sign_in_at, resource, revision, head_hash)
         VALUES (@company_id, @id, @external_id, @user_name_lower, @display_name, @given_name, @family_name,
           @formatted_name, @active, @department, @emails, @created, @last_modified, NULL, @resource, @revision, @head_hash)
         ON CONFLICT (company_id, id) DO UPDATE SET
           external_id = excluded.external_id, user_name_lower = excluded.user_name_lower,
           display_name = excluded.display_name, given_name = excluded.given_name, family_name = excluded.family_name,
           formatted_name = excluded.formatted_name, active = excluded.active, department = excluded.department,
           emails = excluded.emails, created = excluded.created, last_modified = excluded.last_modified,
           resource = excluded.resource, revision = excluded.revision, head_hash = excluded.head_hash`,
      )
      .run({
        company_id: user.companyId,
        id: user.userId,
        external_id: profile.externalId,
        user_name_lower: user.userName.toLowerCase(),
        display_name: profile.displayName,
        given_name: profile.name.givenName,
        family_name: profile.name.familyName,
        formatted_name: profile.name.formatted,
        active: user.active ? 1 : 0,
        department: user.department,
        emails: JSON.stringify(effectiveEmails(user.userName, profile.emails)),
        created: isoTime(user.createdAt),
        last_modified: isoTime(user.lastModified),
        resource: JSON.stringify(user),
        revision,
        head_hash: headHash,
      });
  }

  /** Prepared once per SQL text (filters compile to a bounded variety of shapes); the oldest goes first. */
  private statement<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      if (this.statements.size >= MAX_PREPARED_STATEMENTS) this.statements.delete(this.statements.keys().next().value as string);
      this.statements.set(sql, prepared);
    }
    return prepared as unknown as Database.Statement<P, R>;
  }

  private createTables(): void {
    this.db.exec(DDL);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  private dropTables(): void {
    this.db.exec('DROP TABLE IF EXISTS dashboard_users; DROP TABLE IF EXISTS projection_checkpoints;');
  }
}

/** The compiler compares dateTimes as `Date#toISOString()` text. */
function isoTime(value: string): string {
  return new Date(value).toISOString();
}

function toRecord(row: UserRow): UserRecord {
  return { user: JSON.parse(row.resource) as DashboardUser, revision: row.revision };
}
