import Database from 'better-sqlite3';

export interface SqliteFileOwner {
  /** Names the file in the refusal: "The users read model". */
  readonly what: string;
  /** What to do instead: "give each settings-service instance its own file". */
  readonly remedy: string;
}

/**
 * Opens a SQLite file that belongs to one process, in exclusive locking mode with a write-ahead log. SQLite
 * then keeps the WAL index in memory (no `-shm` file) and takes no file locks per statement or transaction;
 * in the default mode each costs fcntl(2) calls, half of a read model's point lookup. A second process
 * opening the same file is refused with a message that says so, instead of the two sharing it.
 */
export function openOwnedSqliteFile(file: string, owner: SqliteFileOwner): Database.Database {
  const db = new Database(file);
  if (file === ':memory:') return db;
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new Error(`${owner.what} ${file} is in use by another process: ${owner.remedy}`);
  }
}
