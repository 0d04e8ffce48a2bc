import type { OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateKeyMaterial, type UserKey } from './pii-cipher';
import type { UserKeyStore } from './user-key-store';

interface KeyRow {
  readonly key_id: string;
  readonly key: Buffer;
}

export interface SqliteUserKeyStoreOptions {
  /**
   * Makes a file's written data durable. The write-ahead log is synced with it after each key-creating
   * commit, and the keys are handed out only once it resolves. Default: `fdatasync(2)` on libuv's pool.
   */
  readonly syncFile?: (file: FileHandle) => Promise<void>;
}

interface KeyRequest {
  readonly userId: string;
  readonly resolve: (key: UserKey) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * User keys in a SQLite file (`DATA_DIR/user-keys.sqlite` by default). Several processes on one host may
 * share the file (WAL, busy timeout, INSERT OR IGNORE + read back makes concurrent creates agree); instances
 * on other hosts cannot, see README.md. Deleted keys are overwritten in the file (`secure_delete`) and the
 * WAL is truncated after each delete, so a forgotten key does not linger in pages or in the log file.
 * Keys asked for in one event-loop turn are created in one transaction: one fsync for all of them, and
 * each caller gets its key only once it is durable (an event must never be sealed with a key a crash loses).
 * The commit itself does not sync (`synchronous = NORMAL`); the write-ahead log it went to is synced off the
 * event loop afterwards, which is as durable as `FULL` and does not stop the service for the ~0.3 ms of each
 * fsync. A later commit's sync covers every earlier frame too, another process's included: fsync is per file.
 * One sync is under way at a time; keys asked for meanwhile make the next commit. (A sync per loop turn was
 * 15-20% slower in a POST benchmark: concurrent syncs of one file seem to wait for each other.)
 */
export class SqliteUserKeyStore implements UserKeyStore, OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, Buffer, string]>;
  private readonly byUser: Database.Statement<[string], KeyRow>;
  private readonly byId: Database.Statement<[string], KeyRow>;
  private readonly remove: Database.Statement<[string]>;
  private readonly createKeys: (userIds: readonly string[]) => UserKey[];
  private requested: KeyRequest[] = [];
  /** A commit's sync is under way: keys asked for meanwhile wait for it and then go into the next commit. */
  private syncing = false;
  private readonly syncFile: (file: FileHandle) => Promise<void>;
  private writeAheadLog: Promise<FileHandle> | undefined;

  constructor(
    private readonly filename: string,
    options: SqliteUserKeyStoreOptions = {},
  ) {
    this.syncFile = options.syncFile ?? ((file) => file.datasync());
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS user_keys (
        user_id TEXT PRIMARY KEY,
        key_id TEXT NOT NULL UNIQUE,
        key BLOB NOT NULL,
        created_at TEXT NOT NULL
      )`);
    this.insert = this.db.prepare('INSERT OR IGNORE INTO user_keys (user_id, key_id, key, created_at) VALUES (?, ?, ?, ?)');
    this.byUser = this.db.prepare('SELECT key_id, key FROM user_keys WHERE user_id = ?');
    this.byId = this.db.prepare('SELECT key_id, key FROM user_keys WHERE key_id = ?');
    this.remove = this.db.prepare('DELETE FROM user_keys WHERE user_id = ?');
    this.createKeys = this.db.transaction((userIds: readonly string[]) =>
      userIds.map((userId) => {
        this.insert.run(userId, randomUUID(), generateKeyMaterial(), new Date().toISOString());
        const row = this.byUser.get(userId);
        if (!row) throw new Error(`The key of user ${userId} vanished while it was created`);
        return toKey(row);
      }),
    );
  }

  keyFor(userId: string): Promise<UserKey> {
    return new Promise((resolve, reject) => {
      this.requested.push({ userId, resolve, reject });
      if (this.requested.length === 1 && !this.syncing) setImmediate(() => void this.createRequestedKeys());
    });
  }

  async findForUser(userId: string): Promise<UserKey | undefined> {
    const row = this.byUser.get(userId);
    return row ? toKey(row) : undefined;
  }

  async findById(keyId: string): Promise<UserKey | undefined> {
    const row = this.byId.get(keyId);
    return row ? toKey(row) : undefined;
  }

  async forget(userId: string): Promise<void> {
    if (this.remove.run(userId).changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
    void this.writeAheadLog?.then((file) => file.close()).catch(() => undefined);
    this.writeAheadLog = undefined;
  }

  private async createRequestedKeys(): Promise<void> {
    const requests = this.requested;
    this.requested = [];
    this.syncing = true;
    try {
      const keys = this.createKeys(requests.map((request) => request.userId));
      await this.syncFile(await this.openWriteAheadLog());
      requests.forEach((request, index) => request.resolve(keys[index] as UserKey));
    } catch (error) {
      for (const request of requests) request.reject(error);
    } finally {
      this.syncing = false;
      if (this.requested.length > 0) setImmediate(() => void this.createRequestedKeys());
    }
  }

  /**
   * The `-wal` file, opened once it exists (after the first commit) and kept open: SQLite keeps the same
   * file while a connection is open, truncating it in place. Its directory entry is synced once, as SQLite
   * would for a new log.
   */
  private openWriteAheadLog(): Promise<FileHandle> {
    if (!this.writeAheadLog) {
      const opening = this.syncDirectory().then(() => open(`${this.filename}-wal`, 'r'));
      opening.catch(() => {
        if (this.writeAheadLog === opening) this.writeAheadLog = undefined;
      });
      this.writeAheadLog = opening;
    }
    return this.writeAheadLog;
  }

  private async syncDirectory(): Promise<void> {
    const directory = await open(dirname(this.filename), 'r');
    try {
      await this.syncFile(directory);
    } finally {
      await directory.close();
    }
  }

  onApplicationShutdown(): void {
    this.close();
  }
}

function toKey(row: KeyRow): UserKey {
  return { keyId: row.key_id, key: Buffer.from(row.key) };
}
