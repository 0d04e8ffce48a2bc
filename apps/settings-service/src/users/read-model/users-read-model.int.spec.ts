import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardUserStreamName, userNameSha256, type DomainError, type StoredPermissions } from '@scim/contracts';
import type { InMemoryEventStore, LogPosition } from '@scim/event-store';
import { InMemoryUserKeyStore } from '../crypto/user-key-store';
import { sealUserEvent } from '../dashboard-user-event-codec';
import type { DashboardUserEvent, UserProfile } from '../dashboard-user.model';
import { newEventStore, TEST_CONTEXT } from '../testing/users-fixtures';
import { UsersProjection } from './users-projection';
import { COMMIT_INTERVAL_MS, SqliteUsersReadModel } from './users-read-model';

const DEPARTMENT = 'urn:ietf:params:scim:schemas:extension:braze:2.0:User:department';
const noPermissions: StoredPermissions = { companyPermissions: [], roles: [], appGroup: [] };

interface SampleUser {
  readonly userName: string;
  readonly profile?: Partial<UserProfile>;
  readonly department?: string | null;
  readonly active?: boolean;
  readonly occurredAt: string;
}

function profileOf(sample: SampleUser): UserProfile {
  return { externalId: null, name: { givenName: null, familyName: null, formatted: null }, displayName: null, emails: [], ...sample.profile };
}

describe('SQLite users read model', () => {
  let store: InMemoryEventStore;
  let keys: InMemoryUserKeyStore;
  let readModel: SqliteUsersReadModel;
  let projection: UsersProjection;
  const acme = randomUUID();
  const globex = randomUUID();

  async function write(event: DashboardUserEvent): Promise<LogPosition> {
    const key = await keys.keyFor(event.data.userId);
    const sealed = sealUserEvent(event, key);
    const result = await store.append(dashboardUserStreamName(event.data.userId), [{ id: randomUUID(), ...sealed }], {
      expectedRevision: 'any',
      context: TEST_CONTEXT,
    });
    return result.position;
  }

  async function provision(companyId: string, sample: SampleUser): Promise<string> {
    const userId = randomUUID();
    await write({
      type: 'DashboardUserProvisioned.v1',
      data: {
        companyId,
        userId,
        userNameSha256: userNameSha256(sample.userName),
        userName: sample.userName,
        profile: profileOf(sample),
        department: sample.department ?? null,
        active: sample.active ?? true,
        permissions: noPermissions,
        occurredAt: sample.occurredAt,
      },
    });
    return userId;
  }

  async function caughtUp(position: LogPosition): Promise<void> {
    expect(await projection.waitUntil(position, 5_000)).toBe(true);
  }

  async function lastPosition(): Promise<LogPosition> {
    const [last] = await store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    return last.position;
  }

  const userNames = (companyId: string, filter?: string, extra: Partial<Parameters<SqliteUsersReadModel['search']>[1]> = {}) =>
    readModel.search(companyId, { filter, startIndex: 1, count: 100, ...extra }).records.map((record) => record.user.userName);

  let jane: string;
  let john: string;

  beforeEach(async () => {
    store = newEventStore();
    keys = new InMemoryUserKeyStore();
    readModel = new SqliteUsersReadModel(':memory:', keys);
    projection = new UsersProjection(store, readModel);
    await projection.start();
    jane = await provision(acme, {
      userName: 'Jane.Doe@Example.com',
      profile: {
        externalId: 'EXT-1',
        name: { givenName: 'Jane', familyName: 'Doe', formatted: null },
        emails: [
          { value: 'Jane.Doe@Example.com', type: 'work', primary: true },
          { value: 'jane@home.example', type: 'home' },
        ],
      },
      department: 'engineering',
      occurredAt: '2024-01-10T09:00:00.000Z',
    });
    john = await provision(acme, {
      userName: 'john@example.org',
      profile: { externalId: 'ext-2', name: { givenName: 'John', familyName: 'Smith', formatted: null }, emails: [{ value: 'john@example.org', type: 'Work' }] },
      department: 'bi',
      active: false,
      occurredAt: '2024-02-01T00:00:00.000Z',
    });
    await provision(acme, { userName: 'zoe@acme.com', profile: { name: { givenName: 'Zoë', familyName: 'Åberg', formatted: null } }, occurredAt: '2023-12-31T23:59:59.999Z' });
    await provision(globex, { userName: 'jane.doe@globex.com', profile: { externalId: 'EXT-1' }, occurredAt: '2024-03-01T00:00:00.000Z' });
    await caughtUp(await lastPosition());
  });

  afterEach(async () => {
    await projection.onApplicationShutdown();
  });

  it('finds userName case-insensitively, externalId exactly, emails by value and by value path, within one company', () => {
    expect(userNames(acme, 'userName eq "JANE.DOE@EXAMPLE.COM"')).toEqual(['Jane.Doe@Example.com']);
    expect(userNames(acme, 'externalId eq "EXT-1"')).toEqual(['Jane.Doe@Example.com']);
    expect(userNames(acme, 'externalId eq "ext-1"')).toEqual([]);
    expect(userNames(acme, 'emails.value eq "jane@HOME.example"')).toEqual(['Jane.Doe@Example.com']);
    expect(userNames(acme, 'emails[type eq "work" and value ew "example.org"]')).toEqual(['john@example.org']);
    expect(userNames(acme, 'emails co "example"')).toEqual(['Jane.Doe@Example.com', 'john@example.org']);
    expect(userNames(globex, 'externalId eq "EXT-1"')).toEqual(['jane.doe@globex.com']);
    expect(userNames(randomUUID(), 'userName pr')).toEqual([]);
  });

  it('filters on active, names (Unicode case folding), department and dates, with and/or/not', () => {
    expect(userNames(acme, 'active eq false')).toEqual(['john@example.org']);
    expect(userNames(acme, 'name.familyName sw "åb"')).toEqual(['zoe@acme.com']);
    expect(userNames(acme, `${DEPARTMENT} eq "BI" or department eq "engineering"`)).toEqual(['Jane.Doe@Example.com', 'john@example.org']);
    expect(userNames(acme, 'meta.created gt "2024-01-01T00:00:00Z" and not (active eq false)')).toEqual(['Jane.Doe@Example.com']);
  });

  it('pages and sorts: stable creation order by default, sortBy case-insensitive, count 0 gives the total only', () => {
    expect(userNames(acme)).toEqual(['zoe@acme.com', 'Jane.Doe@Example.com', 'john@example.org']);
    expect(userNames(acme, undefined, { sortBy: 'userName', sortOrder: 'descending' })).toEqual(['zoe@acme.com', 'john@example.org', 'Jane.Doe@Example.com']);
    expect(userNames(acme, undefined, { sortBy: 'name.givenName' })).toEqual(['Jane.Doe@Example.com', 'john@example.org', 'zoe@acme.com']);
    const page = readModel.search(acme, { startIndex: 2, count: 1 });
    expect(page).toMatchObject({ totalResults: 3, startIndex: 2 });
    expect(page.records.map((record) => record.user.userId)).toEqual([jane]);
    const totals = readModel.search(acme, { filter: 'userName co "@"', startIndex: -4, count: 0 });
    expect(totals).toEqual({ totalResults: 3, startIndex: 1, records: [] });
  });

  it('refuses malformed filters and attributes it cannot filter or sort on, naming the parameter', () => {
    const attempt = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error as DomainError;
      }
      throw new Error('expected a failure');
    };
    for (const filter of ['userName eq', 'nosuch eq "x"', 'urn:ietf:params:scim:schemas:extension:braze:2.0:User:permissions.companyPermissions eq "admin"']) {
      const error = attempt(() => readModel.search(acme, { filter, startIndex: 1, count: 10 }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'filter' }] });
    }
    expect(attempt(() => readModel.search(acme, { sortBy: 'nosuch', startIndex: 1, count: 10 }))).toMatchObject({ issues: [{ path: 'sortBy' }] });
  });

  it('follows changes and removes deprovisioned users; each row carries its stream revision', async () => {
    await write({
      type: 'DashboardUserProfileChanged.v1',
      data: {
        companyId: acme,
        userId: jane,
        profile: { externalId: 'EXT-1', name: { givenName: 'Jane', familyName: 'Roe', formatted: null }, displayName: null, emails: [] },
        department: 'pm',
        changed: ['name', 'emails', 'department'],
        occurredAt: '2024-06-01T00:00:00.000Z',
      },
    });
    await write({ type: 'DashboardUserReactivated.v1', data: { companyId: acme, userId: john, occurredAt: '2024-06-01T00:00:00.000Z' } });
    await caughtUp(await write({ type: 'DashboardUserDeprovisioned.v1', data: { companyId: acme, userId: john, userNameSha256: userNameSha256('john@example.org'), occurredAt: '2024-06-02T00:00:00.000Z' } }));
    expect(readModel.find(acme, jane)).toMatchObject({ revision: 1, user: { department: 'pm', lastModified: '2024-06-01T00:00:00.000Z', profile: { name: { familyName: 'Roe' } } } });
    // No emails of her own: the userName is her primary work email, also for filters.
    expect(userNames(acme, 'name.familyName eq "roe" and department eq "pm" and emails[type eq "work" and primary eq true]')).toEqual(['Jane.Doe@Example.com']);
    expect(userNames(acme, 'name.familyName eq "roe" and meta.lastModified ge "2024-06-01T00:00:00Z"')).toEqual(['Jane.Doe@Example.com']);
    expect(readModel.find(acme, john)).toBeUndefined();
    expect(userNames(acme, 'userName eq "john@example.org"')).toEqual([]);
  });

  it('records the checkpoint with each event, and applies an event delivered again once without rewinding', async () => {
    const last = await lastPosition();
    expect(readModel.loadCheckpoint()).toEqual(last);
    const [event] = await store.readStream(dashboardUserStreamName(jane));
    const before = readModel.find(acme, jane);
    await readModel.apply(event);
    expect(readModel.find(acme, jane)).toEqual(before);
    expect(readModel.loadCheckpoint()).toEqual(last);
  });

  it('rebuilds from the log: the same rows, except users whose keys were deleted', async () => {
    const before = [acme, globex].flatMap((companyId) => readModel.search(companyId, { startIndex: 1, count: 100 }).records);
    await keys.forget(john);
    expect(await projection.rebuild(5_000)).toBe(true);
    const after = [acme, globex].flatMap((companyId) => readModel.search(companyId, { startIndex: 1, count: 100 }).records);
    expect(after).toEqual(before.filter((record) => record.user.userId !== john));
    expect(readModel.count()).toBe(3);
  });
});

describe('SQLite users read model in a file', () => {
  it('commits the events applied within a few milliseconds together, with their checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'users-read-model-'));
    try {
      const file = join(dir, 'users.sqlite');
      const keys = new InMemoryUserKeyStore();
      const store = newEventStore();
      const companyId = randomUUID();
      for (const userName of ['ann@example.com', 'bob@example.com']) {
        const userId = randomUUID();
        const event: DashboardUserEvent = {
          type: 'DashboardUserProvisioned.v1',
          data: {
            companyId,
            userId,
            userNameSha256: userNameSha256(userName),
            userName,
            profile: profileOf({ userName, occurredAt: '2025-01-01T00:00:00.000Z' }),
            department: null,
            active: true,
            permissions: noPermissions,
            occurredAt: '2025-01-01T00:00:00.000Z',
          },
        };
        await store.append(dashboardUserStreamName(userId), [{ id: randomUUID(), ...sealUserEvent(event, await keys.keyFor(userId)) }], {
          expectedRevision: 'no_stream',
          context: TEST_CONTEXT,
        });
      }
      const events = await store.readAll({ filter: { kind: 'streamName', prefixes: ['dashboard-user-'] } });
      const readModel = new SqliteUsersReadModel(file, keys);
      // A commit is what writes the changed pages to the write-ahead log (the file is the model's alone).
      const walBytes = () => statSync(`${file}-wal`).size;
      const walBefore = walBytes();
      jest.useFakeTimers();
      try {
        for (const event of events) await readModel.apply(event);
        // Queries see the batch at once; it is committed, with its checkpoint, COMMIT_INTERVAL_MS later.
        expect(readModel.count()).toBe(2);
        jest.advanceTimersByTime(COMMIT_INTERVAL_MS - 1);
        expect(walBytes()).toBe(walBefore);
        jest.advanceTimersByTime(1);
        expect(walBytes()).toBeGreaterThan(walBefore);
      } finally {
        jest.useRealTimers();
      }
      // A process stopped without closing keeps what was committed: the file alone, read after a kill -9.
      const Database = (await import('better-sqlite3')).default;
      copyFileSync(file, `${file}.copy`);
      copyFileSync(`${file}-wal`, `${file}.copy-wal`);
      const afterKill = new Database(`${file}.copy`);
      try {
        expect(afterKill.prepare<[], { total: number }>('SELECT COUNT(*) AS total FROM dashboard_users').get()?.total).toBe(2);
        const checkpoint = afterKill.prepare<[], { commit_position: string }>('SELECT commit_position FROM projection_checkpoints').get();
        expect(checkpoint?.commit_position).toBe(events.at(-1)?.position.commit.toString());
      } finally {
        afterKill.close();
        readModel.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to open a file another process holds, saying so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'users-read-model-'));
    try {
      const file = join(dir, 'users.sqlite');
      const owner = new SqliteUsersReadModel(file, new InMemoryUserKeyStore());
      try {
        // Another process, as a second instance sharing the file would be.
        const opened = spawnSync(process.execPath, ['-e', `new (require('better-sqlite3'))(${JSON.stringify(file)}, { timeout: 0 }).prepare('SELECT COUNT(*) FROM dashboard_users').get()`], { encoding: 'utf8' });
        expect(opened.status).not.toBe(0);
        expect(opened.stderr).toContain('database is locked');
        expect(() => new SqliteUsersReadModel(file, new InMemoryUserKeyStore())).toThrow(/in use by another process/);
      } finally {
        owner.close();
      }
      const reopened = new SqliteUsersReadModel(file, new InMemoryUserKeyStore());
      expect(reopened.count()).toBe(0);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps its checkpoint across restarts, and starts over when its schema version changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'users-read-model-'));
    try {
      const file = join(dir, 'users.sqlite');
      const keys = new InMemoryUserKeyStore();
      const first = new SqliteUsersReadModel(file, keys);
      first.saveCheckpoint({ commit: 18446744073709551615n, prepare: 7n });
      first.close();
      const second = new SqliteUsersReadModel(file, keys);
      expect(second.loadCheckpoint()).toEqual({ commit: 18446744073709551615n, prepare: 7n });
      second.close();
      const Database = (await import('better-sqlite3')).default;
      const raw = new Database(file);
      raw.pragma('user_version = 999');
      raw.close();
      const third = new SqliteUsersReadModel(file, keys);
      expect(third.loadCheckpoint()).toBeUndefined();
      third.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers userName eq and externalId eq in the default order from their own index, not by walking the company', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'users-read-model-'));
    try {
      const file = join(dir, 'users.sqlite');
      new SqliteUsersReadModel(file, new InMemoryUserKeyStore()).close();
      const Database = (await import('better-sqlite3')).default;
      const raw = new Database(file, { readonly: true });
      const planOf = (where: string) =>
        raw
          .prepare(`EXPLAIN QUERY PLAN SELECT resource, revision FROM dashboard_users WHERE company_id = ? AND (${where}) ORDER BY created ASC, id ASC LIMIT ? OFFSET ?`)
          .all('c', 'v', 100, 0)
          .map((row) => (row as { detail: string }).detail)
          .join('; ');
      const userName = planOf('user_name_lower IS NOT NULL AND user_name_lower = ?');
      const externalId = planOf('external_id IS NOT NULL AND external_id = ?');
      raw.close();
      expect(userName).toContain('dashboard_users_by_user_name (company_id=? AND user_name_lower=?)');
      expect(externalId).toContain('dashboard_users_by_external_id (company_id=? AND external_id=?)');
      expect(`${userName}; ${externalId}`).not.toContain('TEMP B-TREE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
