import type { OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { generateKeyMaterial, type UserKey } from './pii-cipher';
import type { UserKeyStore } from './user-key-store';

interface KeyRow {
  readonly key_id: string;
  readonly key: Buffer;
}

export interface SqliteUserKeyStoreOptions {
  /**
   * Makes the written data of the file open as `fd` (the write-ahead log) durable; called after each
   * key-creating commit, and the keys are handed out once it resolves. Default: `fdatasync(2)` on libuv's pool.
   */
  readonly syncFile?: (fd: number) => Promise<void>;
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
  private readonly creations: DataLoader<string, UserKey>;
  /** The last commit's sync; the next commit waits for it (keys asked for meanwhile join that commit). */
  private syncing: Promise<unknown> = Promise.resolve();
  private readonly syncFile: (fd: number) => Promise<void>;
  /** The `-wal` file: SQLite keeps the same file while a connection is open, truncating it in place. */
  private readonly writeAheadLog: number;

  constructor(filename: string, options: SqliteUserKeyStoreOptions = {}) {
    this.syncFile = options.syncFile ?? promisify(fdatasync);
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
    this.writeAheadLog = openSync(`${filename}-wal`, 'r');
    syncDirectoryOf(filename);
    this.creations = new DataLoader((userIds) => this.createDurably(userIds), {
      cache: false,
      batchScheduleFn: (create) => void this.syncing.finally(() => setImmediate(create)),
    });
  }

  keyFor(userId: string): Promise<UserKey> {
    return this.creations.load(userId);
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
    if (!this.db.open) return;
    this.db.close();
    // Not before a sync under way is done: a closed descriptor's number may be reused by another file.
    const writeAheadLog = this.writeAheadLog;
    void this.syncing.finally(() => closeSync(writeAheadLog));
  }

  private createDurably(userIds: readonly string[]): Promise<UserKey[]> {
    const created = (async () => {
      const keys = this.createKeys(userIds);
      await this.syncFile(this.writeAheadLog);
      return keys;
    })();
    this.syncing = created.catch(() => undefined);
    return created;
  }

  onApplicationShutdown(): void {
    this.close();
  }
}

/** The directory entry of a new `-wal` file, made durable once, as SQLite does for a new journal. */
function syncDirectoryOf(filename: string): void {
  const directory = openSync(dirname(filename), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}

function toKey(row: KeyRow): UserKey {
  return { keyId: row.key_id, key: Buffer.from(row.key) };
}
