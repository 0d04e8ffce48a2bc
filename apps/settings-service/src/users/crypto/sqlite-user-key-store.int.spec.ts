import { fstatSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteUserKeyStore } from './sqlite-user-key-store';

describe('SqliteUserKeyStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'user-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates one key per user, also for two stores sharing the file, and finds it by user and by key id', async () => {
    const file = join(dir, 'user-keys.sqlite');
    const a = new SqliteUserKeyStore(file);
    const b = new SqliteUserKeyStore(file);
    const userId = randomUUID();
    const [fromA, fromB] = await Promise.all([a.keyFor(userId), b.keyFor(userId)]);
    expect(fromB.keyId).toBe(fromA.keyId);
    expect(fromB.key.equals(fromA.key)).toBe(true);
    expect(fromA.key).toHaveLength(32);
    expect((await a.keyFor(userId)).keyId).toBe(fromA.keyId);
    expect((await b.findById(fromA.keyId))?.key.equals(fromA.key)).toBe(true);
    expect((await b.findForUser(userId))?.keyId).toBe(fromA.keyId);
    expect(await b.findForUser(randomUUID())).toBeUndefined();
    a.close();
    b.close();
  });

  it('creates the keys asked for in one loop turn in one transaction, each durable before it is handed out', async () => {
    const file = join(dir, 'user-keys.sqlite');
    const store = new SqliteUserKeyStore(file);
    await store.keyFor(randomUUID());
    const walBytes = () => statSync(`${file}-wal`).size;
    const before = walBytes();
    const userIds = Array.from({ length: 40 }, () => randomUUID());
    const keys = await Promise.all([...userIds, userIds[0] as string].map((userId) => store.keyFor(userId)));
    // 40 commits would append at least 40 WAL frames of a 4 KiB page each; one commit writes each page once.
    expect(walBytes() - before).toBeLessThan(10 * 4_096);
    expect(new Set(keys.map((key) => key.keyId)).size).toBe(40);
    expect(keys.at(-1)?.keyId).toBe(keys[0]?.keyId);
    const reopened = new SqliteUserKeyStore(file);
    for (const [index, userId] of userIds.entries()) expect((await reopened.findForUser(userId))?.keyId).toBe(keys[index]?.keyId);
    reopened.close();
    store.close();
  });

  it('hands a created key out only once the write-ahead log holding it has been synced', async () => {
    const file = join(dir, 'user-keys.sqlite');
    const synced: number[] = [];
    let releaseSync: () => void = () => undefined;
    const store = new SqliteUserKeyStore(file, {
      syncFile: async (fd: number) => {
        await new Promise<void>((resolve) => (releaseSync = resolve));
        synced.push(fstatSync(fd).ino);
      },
    });
    let handedOut = false;
    const key = store.keyFor(randomUUID()).then((created) => {
      handedOut = true;
      return created;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handedOut).toBe(false);
    releaseSync();
    await key;
    expect(synced).toEqual([statSync(`${file}-wal`).ino]);
    store.close();
  });

  it('commits the keys asked for while a sync is under way together, once it is done', async () => {
    const file = join(dir, 'user-keys.sqlite');
    const pending: Array<() => void> = [];
    const store = new SqliteUserKeyStore(file, {
      syncFile: () => new Promise<void>((resolve) => pending.push(resolve)),
    });
    const syncStarted = async () => {
      for (let waited = 0; pending.length === 0 && waited < 2_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(pending).toHaveLength(1);
    };
    const first = store.keyFor(randomUUID());
    await syncStarted();
    const walBytes = statSync(`${file}-wal`).size;
    const later = [1, 2, 3, 4, 5].map(() => store.keyFor(randomUUID()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pending).toHaveLength(1);
    expect(statSync(`${file}-wal`).size).toBe(walBytes);
    pending.shift()?.();
    await first;
    await syncStarted();
    pending.shift()?.();
    const keys = await Promise.all(later);
    expect(new Set(keys.map((key) => key.keyId)).size).toBe(5);
    store.close();
  });

  it('refuses the keys of a commit whose sync failed, and syncs again for the next one', async () => {
    const file = join(dir, 'user-keys.sqlite');
    let failNext = true;
    const store = new SqliteUserKeyStore(file, {
      syncFile: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('EIO: i/o error, fdatasync');
        }
      },
    });
    await expect(store.keyFor(randomUUID())).rejects.toThrow('EIO');
    await expect(store.keyFor(randomUUID())).resolves.toHaveProperty('keyId');
    store.close();
  });

  it('forgets a key for good: not found afterwards, and its bytes are gone from the database file', async () => {
    const file = join(dir, 'user-keys.sqlite');
    const store = new SqliteUserKeyStore(file);
    const userId = randomUUID();
    const key = await store.keyFor(userId);
    const keeper = await store.keyFor(randomUUID());
    await store.forget(userId);
    await store.forget(userId);
    expect(await store.findForUser(userId)).toBeUndefined();
    expect(await store.findById(key.keyId)).toBeUndefined();
    expect(await store.findById(keeper.keyId)).toBeDefined();
    store.close();
    const bytes = readFileSync(file);
    expect(bytes.includes(key.key)).toBe(false);
    expect(bytes.includes(keeper.key)).toBe(true);
  });
});
