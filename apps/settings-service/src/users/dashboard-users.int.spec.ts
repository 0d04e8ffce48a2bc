import { randomUUID } from 'node:crypto';
import {
  dashboardUserStreamName,
  parseLogPosition,
  userNameSha256,
  userNameStreamName,
  type DashboardUserInput,
  type DomainError,
  type RequestContext,
  type StoredDashboardUserEvent,
} from '@scim/contracts';
import { EventStoreUnavailable, handleCommand, StreamNotFound, verifyChain, type InMemoryEventStore } from '@scim/event-store';
import { CallDeadline, CallerStoppedWaiting } from '@scim/platform';
import { EventStoreCompanyViews } from './company-views';
import { InMemoryUserKeyStore } from './crypto/user-key-store';
import { DashboardUserCommands, userIdForCreate } from './dashboard-user-commands.service';
import { openUserEvent, sealingDecider } from './dashboard-user-event-codec';
import { DashboardUserQueries } from './dashboard-user-queries.service';
import { UsersProjection } from './read-model/users-projection';
import { SqliteUsersReadModel } from './read-model/users-read-model';
import { companyFixture, newEventStore, seedCompany, TEST_CONTEXT, type CompanyFixture } from './testing/users-fixtures';
import { DEFAULT_DANGLING_AFTER_MS, UserNameReservations } from './user-name-reservations';

const context: RequestContext = TEST_CONTEXT;

function jane(overrides: Partial<DashboardUserInput> = {}): DashboardUserInput {
  return {
    userName: 'jane.doe@example.com',
    externalId: 'okta-1',
    name: { givenName: 'Jane', familyName: 'Doe' },
    emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
    department: 'engineering',
    permissions: { appGroup: [{ appGroupName: 'Main', appGroupPermissions: ['view_campaigns'], team: [{ teamName: 'Support', teamPermissions: ['view_campaigns'] }] }] },
    ...overrides,
  };
}

/** The store, counting its reads of streams whose names start with `prefix`. */
function countingStreamReads(store: InMemoryEventStore, prefix: string): { counted: InMemoryEventStore; reads: () => number } {
  let reads = 0;
  const counted = Object.assign(Object.create(store) as InMemoryEventStore, {
    readStream: (...args: Parameters<InMemoryEventStore['readStream']>) => {
      if (args[0].startsWith(prefix)) reads += 1;
      return store.readStream(...args);
    },
  });
  return { counted, reads: () => reads };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a failure');
}

describe('dashboard user services over the in-memory event store', () => {
  let store: InMemoryEventStore;
  let keys: InMemoryUserKeyStore;
  let now: Date;
  let commands: DashboardUserCommands;
  let queries: DashboardUserQueries;
  let projection: UsersProjection;
  let acme: CompanyFixture;
  let globex: CompanyFixture;

  beforeEach(async () => {
    store = newEventStore();
    keys = new InMemoryUserKeyStore();
    now = new Date('2025-03-01T10:00:00.000Z');
    const clock = () => now;
    acme = companyFixture('Acme');
    globex = companyFixture('Globex');
    await seedCompany(store, acme);
    await seedCompany(store, globex);
    const companies = new EventStoreCompanyViews(store);
    commands = new DashboardUserCommands({ store, keys, companies, reservations: new UserNameReservations(store, { clock }), clock });
    projection = new UsersProjection(store, new SqliteUsersReadModel(':memory:', keys));
    await projection.start();
    queries = new DashboardUserQueries({ store, keys, companies, projection, readYourWritesTimeoutMs: 5_000 });
  });

  afterEach(async () => {
    await projection.onApplicationShutdown();
  });

  async function search(companyId: string, filter: string, minPosition?: string) {
    return queries.search({ companyId, filter, startIndex: 1, count: 100, ...(minPosition ? { minPosition } : {}) });
  }

  describe('create, get, search', () => {
    it('creates a user whose reply, read by id and found by search (read-your-writes) agree', async () => {
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      expect(created.user).toEqual({
        id: expect.any(String),
        externalId: 'okta-1',
        userName: 'jane.doe@example.com',
        name: { givenName: 'Jane', familyName: 'Doe', formatted: null },
        displayName: null,
        emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
        active: true,
        department: 'engineering',
        permissions: {
          companyPermissions: [],
          roles: [],
          appGroup: [
            {
              appGroupId: acme.mainId,
              appGroupName: 'Main',
              appGroupPermissions: ['view_campaigns'],
              appGroupPermissionSets: [],
              team: [{ teamId: acme.supportTeamId, teamName: 'Support', teamPermissions: ['view_campaigns'] }],
            },
          ],
        },
        createdAt: '2025-03-01T10:00:00.000Z',
        lastModified: '2025-03-01T10:00:00.000Z',
        lastSignInAt: null,
        revision: 0,
      });
      expect(created.position).not.toBeNull();
      const read = await queries.get({ companyId: acme.companyId, userId: created.user.id, minPosition: created.position ?? undefined });
      expect(read.user).toEqual(created.user);
      const found = await search(acme.companyId, 'userName eq "JANE.DOE@example.COM"', created.position ?? undefined);
      expect(found).toEqual({ totalResults: 1, startIndex: 1, itemsPerPage: 1, users: [created.user] });
    });

    it('applies a create once per command id, replying with the same user', async () => {
      const commandId = randomUUID();
      const first = await commands.create({ companyId: acme.companyId, commandId, user: jane() }, context);
      const again = await commands.create({ companyId: acme.companyId, commandId, user: jane() }, context);
      expect(again.user).toEqual(first.user);
      expect(first.user.id).toBe(userIdForCreate(commandId));
      expect(await store.readStream(dashboardUserStreamName(first.user.id))).toHaveLength(1);
      expect(await store.readStream(userNameStreamName(userNameSha256('jane.doe@example.com')))).toHaveLength(1);
    });

    it('keeps userNames unique across companies and case, without saying where the name is used', async () => {
      await commands.create({ companyId: acme.companyId, user: jane() }, context);
      for (const [company, userName] of [
        [globex, 'JANE.DOE@example.com'],
        [acme, 'Jane.Doe@Example.com'],
      ] as const) {
        const error = await failure(commands.create({ companyId: company.companyId, user: jane({ userName, permissions: undefined }) }, context));
        expect(error).toMatchObject({ code: 'UNIQUENESS', message: 'A user with this userName already exists (userNames are unique, ignoring case)' });
        expect(JSON.stringify(error.toEnvelope())).not.toMatch(new RegExp(`${acme.companyId}|Acme`));
      }
      expect((await search(globex.companyId, 'userName pr')).totalResults).toBe(0);
    });

    it('refuses bad input before reserving the userName or creating a key', async () => {
      const error = await failure(
        commands.create({ companyId: acme.companyId, user: jane({ permissions: { appGroup: [{ appGroupName: 'Nowhere' }] } }) }, context),
      );
      expect(error).toMatchObject({ code: 'INVALID_VALUE', issues: [{ path: 'permissions.appGroup[0].appGroupName' }] });
      await expect(store.readStream(userNameStreamName(userNameSha256('jane.doe@example.com')))).rejects.toBeInstanceOf(StreamNotFound);
      expect(keys.size).toBe(0);
      expect(await failure(commands.create({ companyId: randomUUID(), user: jane() }, context))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('answers NOT_FOUND for unknown ids, ids that are not ours, and users of another company', async () => {
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      for (const [companyId, userId] of [
        [acme.companyId, randomUUID()],
        [acme.companyId, 'not-a-uuid'],
        [globex.companyId, created.user.id],
      ]) {
        expect(await failure(queries.get({ companyId, userId }))).toMatchObject({ code: 'NOT_FOUND' });
        expect(await failure(commands.patch({ companyId, userId, changes: { active: false } }, context))).toMatchObject({ code: 'NOT_FOUND' });
        expect(await failure(commands.delete({ companyId, userId, expectedRevision: 0 }, context))).toMatchObject({ code: 'NOT_FOUND' });
      }
    });

    it('reads several users in one call, in the order asked, with null for every id the company does not have', async () => {
      const jane1 = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      const john = await commands.create({ companyId: acme.companyId, user: jane({ userName: 'john@example.com', permissions: undefined }) }, context);
      const theirs = await commands.create({ companyId: globex.companyId, user: jane({ userName: 'someone@globex.example', permissions: undefined }) }, context);
      // The latest write's position: the users are read from the read model once it holds it, else from their streams.
      const { users } = await queries.getMany({
        companyId: acme.companyId,
        userIds: [john.user.id, randomUUID(), jane1.user.id.toUpperCase(), 'not-a-uuid', theirs.user.id, john.user.id],
        minPosition: theirs.position ?? undefined,
      });
      expect(users).toEqual([john.user, null, jane1.user, null, null, john.user]);
    });
  });

  describe('the company a command decides on', () => {
    function commandsWithCompanyReadModel(view: CompanyFixture['view'] | undefined) {
      const { counted, reads: companyReads } = countingStreamReads(store, 'company-');
      const withReadModel = new DashboardUserCommands({
        store: counted,
        keys,
        companies: new EventStoreCompanyViews(counted),
        companyReadModel: { get: (companyId) => (companyId === acme.companyId ? view : undefined) },
        reservations: new UserNameReservations(counted),
        clock: () => now,
      });
      return { commands: withReadModel, companyReads };
    }

    it('comes from the company read model when it holds the company: no stream read', async () => {
      const { commands: fast, companyReads } = commandsWithCompanyReadModel(acme.view);
      const created = await fast.create({ companyId: acme.companyId, user: jane() }, context);
      await fast.patch({ companyId: acme.companyId, userId: created.user.id, changes: { displayName: 'JD' } }, context);
      expect(companyReads()).toBe(0);
    });

    it('is folded from the stream when the read model does not hold what the command names yet', async () => {
      const stale = { ...acme.view, workspaces: acme.view.workspaces.filter((workspace) => workspace.id === acme.mainId) };
      const { commands: fast, companyReads } = commandsWithCompanyReadModel(stale);
      const created = await fast.create({ companyId: acme.companyId, user: jane({ permissions: { appGroup: [{ appGroupName: 'EU Workspace' }] } }) }, context);
      expect(created.user.permissions.appGroup.map((grant) => grant.appGroupId)).toEqual([acme.euId]);
      expect(companyReads()).toBe(1);
      // Named nowhere, not even in the stream: still refused, and nothing is left behind.
      const refused = await failure(fast.create({ companyId: acme.companyId, user: jane({ userName: 'x@example.com', permissions: { appGroup: [{ appGroupName: 'Nowhere' }] } }) }, context));
      expect(refused).toMatchObject({ code: 'INVALID_VALUE' });
      await expect(store.readStream(userNameStreamName(userNameSha256('x@example.com')))).rejects.toBeInstanceOf(StreamNotFound);
    });
  });

  describe('reads by id', () => {
    const runner = () => projection.runner(projection.readModel.name);

    it('answer from the read model once it holds the caller\'s write, and from the stream until then', async () => {
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      const userId = created.user.id;
      await projection.waitUntil(parseLogPosition(created.position ?? ''), 5_000);
      await runner().stop();
      const patched = await commands.patch({ companyId: acme.companyId, userId, changes: { displayName: 'JD' } }, context);

      // The read model still holds revision 0: a caller that wrote revision 1 is answered from the stream.
      expect(projection.readModel.find(acme.companyId, userId)?.revision).toBe(0);
      const fromLog = await queries.get({ companyId: acme.companyId, userId, minPosition: patched.position ?? undefined });
      expect(fromLog).toEqual(patched);
      expect(await queries.get({ companyId: acme.companyId, userId, source: 'log' })).toEqual(patched);
      // Without a position to wait for, the read model answers (its position is not a write's: null).
      expect(await queries.get({ companyId: acme.companyId, userId })).toMatchObject({ user: { revision: 0, displayName: null }, position: null });

      await runner().start();
      expect(await projection.waitUntil(parseLogPosition(patched.position ?? ''), 5_000)).toBe(true);
      expect(await queries.get({ companyId: acme.companyId, userId, minPosition: patched.position ?? undefined })).toEqual({ user: patched.user, position: null });
    });

    it('fold the stream for a user the read model does not hold yet, so a new user is never missed', async () => {
      await runner().stop();
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      expect(projection.readModel.find(acme.companyId, created.user.id)).toBeUndefined();
      expect(await queries.get({ companyId: acme.companyId, userId: created.user.id })).toEqual(created);
      expect(await failure(queries.get({ companyId: globex.companyId, userId: created.user.id }))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('replace and patch', () => {
    it('replaces with If-Match: the current revision succeeds, a stale one is PRECONDITION_FAILED', async () => {
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      const userId = created.user.id;
      now = new Date('2025-03-02T10:00:00.000Z');
      const replaced = await commands.replace(
        { companyId: acme.companyId, userId, expectedRevision: 0, user: { ...jane({ userName: undefined }), name: { givenName: 'Jane', familyName: 'Roe' }, department: 'bi' } },
        context,
      );
      expect(replaced.user).toMatchObject({ revision: 1, name: { familyName: 'Roe' }, department: 'bi', lastModified: '2025-03-02T10:00:00.000Z', createdAt: created.user.createdAt });
      const stale = await failure(commands.replace({ companyId: acme.companyId, userId, expectedRevision: 0, user: jane() }, context));
      expect(stale.code).toBe('PRECONDITION_FAILED');
      const unchanged = await commands.replace({ companyId: acme.companyId, userId, user: { ...jane(), name: { givenName: 'Jane', familyName: 'Roe' }, department: 'BI' } }, context);
      expect(unchanged).toEqual({ user: replaced.user, position: null });
      expect(await failure(commands.replace({ companyId: acme.companyId, userId, user: jane({ userName: 'other@example.com' }) }, context))).toMatchObject({
        code: 'MUTABILITY',
      });
    });

    it('suspends with active:false: still readable and findable, and reactivates', async () => {
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      const suspended = await commands.patch({ companyId: acme.companyId, userId: created.user.id, expectedRevision: 0, changes: { active: false } }, context);
      expect(suspended.user).toMatchObject({ active: false, revision: 1, userName: 'jane.doe@example.com' });
      expect((await queries.get({ companyId: acme.companyId, userId: created.user.id, minPosition: suspended.position ?? undefined })).user.active).toBe(false);
      const found = await search(acme.companyId, 'active eq false', suspended.position ?? undefined);
      expect(found.users.map((user) => user.id)).toEqual([created.user.id]);
      const back = await commands.patch({ companyId: acme.companyId, userId: created.user.id, changes: { active: true, emails: null } }, context);
      // Emails cleared: the userName stands in as the primary work address, which is what they held, so only
      // the reactivation is recorded.
      expect(back.user).toMatchObject({ active: true, emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }], revision: 2 });
    });
  });

  describe('commands pinned to the revision the read model holds', () => {
    const runner = () => projection.runner(projection.readModel.name);

    /** Commands that decide on this test's read model, and the number of user-stream reads they make. */
    function commandsWithHeads() {
      const { counted, reads: userStreamReads } = countingStreamReads(store, 'dashboard-user-');
      const withHeads = new DashboardUserCommands({
        store: counted,
        keys,
        companies: new EventStoreCompanyViews(counted),
        reservations: new UserNameReservations(counted),
        heads: projection.readModel,
        clock: () => now,
      });
      return { commands: withHeads, userStreamReads };
    }

    async function projected(reply: { position: string | null }): Promise<void> {
      expect(await projection.waitUntil(parseLogPosition(reply.position ?? ''), 5_000)).toBe(true);
    }

    it('decide on its copy without reading the stream; the reply, the folded stream and its hash chain agree', async () => {
      const { commands: fast, userStreamReads } = commandsWithHeads();
      const created = await fast.create({ companyId: acme.companyId, user: jane() }, context);
      const userId = created.user.id;
      await projected(created);
      const patched = await fast.patch({ companyId: acme.companyId, userId, expectedRevision: 0, changes: { active: false } }, context);
      await projected(patched);
      const replaced = await fast.replace(
        { companyId: acme.companyId, userId, expectedRevision: 1, user: { ...jane({ userName: undefined }), name: { givenName: 'Jane', familyName: 'Roe' } } },
        context,
      );
      expect(userStreamReads()).toBe(0);
      expect(patched.user).toMatchObject({ revision: 1, active: false });
      // Decided on the copy at revision 1: still suspended (the replace does not name `active`).
      expect(replaced.user).toMatchObject({ revision: 2, name: { familyName: 'Roe' }, active: false, createdAt: created.user.createdAt });
      expect(await queries.get({ companyId: acme.companyId, userId, source: 'log' })).toEqual(replaced);
      expect(verifyChain(await store.readStream(dashboardUserStreamName(userId))).ok).toBe(true);
    });

    it('fold the stream when the model is behind the pinned revision, and refuse a pin the stream has moved past', async () => {
      const { commands: fast, userStreamReads } = commandsWithHeads();
      const created = await fast.create({ companyId: acme.companyId, user: jane() }, context);
      const userId = created.user.id;
      await projected(created);
      await runner().stop();
      await fast.patch({ companyId: acme.companyId, userId, expectedRevision: 0, changes: { displayName: 'JD' } }, context);
      expect(userStreamReads()).toBe(0);

      // The model still holds revision 0, the stream is at 1.
      const behind = await fast.patch({ companyId: acme.companyId, userId, expectedRevision: 1, changes: { displayName: 'J. Doe' } }, context);
      expect(behind.user).toMatchObject({ revision: 2, displayName: 'J. Doe' });
      expect(userStreamReads()).toBe(1);
      const moved = await failure(fast.patch({ companyId: acme.companyId, userId, expectedRevision: 0, changes: { displayName: 'stale' } }, context));
      expect(moved.code).toBe('PRECONDITION_FAILED');
      expect(await store.readStream(dashboardUserStreamName(userId))).toHaveLength(3);
      expect(verifyChain(await store.readStream(dashboardUserStreamName(userId))).ok).toBe(true);
    });

    it('deprovision on its copy as on the stream: NOT_FOUND afterwards and the userName free again', async () => {
      const { commands: fast } = commandsWithHeads();
      const created = await fast.create({ companyId: acme.companyId, user: jane() }, context);
      await projected(created);
      await fast.delete({ companyId: acme.companyId, userId: created.user.id, expectedRevision: 0 }, context);
      expect(await failure(queries.get({ companyId: acme.companyId, userId: created.user.id, source: 'log' }))).toMatchObject({ code: 'NOT_FOUND' });
      await expect(fast.create({ companyId: acme.companyId, user: jane() }, context)).resolves.toMatchObject({ user: { userName: 'jane.doe@example.com' } });
    });
  });

  describe('delete', () => {
    it('deprovisions: NOT_FOUND afterwards, gone from search, personal data erased from a log that stays intact', async () => {
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      const userId = created.user.id;
      await commands.patch({ companyId: acme.companyId, userId, changes: { displayName: 'JD' } }, context);
      const deleted = await commands.delete({ companyId: acme.companyId, userId, expectedRevision: 1 }, context);

      expect(await failure(queries.get({ companyId: acme.companyId, userId, minPosition: deleted.position }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(commands.delete({ companyId: acme.companyId, userId }, context))).toMatchObject({ code: 'NOT_FOUND' });
      expect((await search(acme.companyId, 'userName eq "jane.doe@example.com"', deleted.position)).totalResults).toBe(0);

      const log = await store.readStream(dashboardUserStreamName(userId));
      expect(log.map((event) => event.type)).toEqual(['DashboardUserProvisioned.v1', 'DashboardUserProfileChanged.v1', 'DashboardUserDeprovisioned.v1']);
      const text = JSON.stringify(log.map((event) => event.data));
      // JSON-quoted: base64 ciphertext never contains a quote, so a short name cannot match by chance.
      for (const secret of ['jane.doe@example.com', '"Jane"', '"Doe"', '"okta-1"', '"JD"']) expect(text).not.toContain(secret);
      expect(await keys.findForUser(userId)).toBeUndefined();
      const opened = log.map((event) => openUserEvent(event as unknown as StoredDashboardUserEvent, undefined));
      expect(opened[0].data).toMatchObject({ userName: null, profile: null, department: 'engineering' });
    });

    it('frees the userName (soft delete, never a tombstone): the same userName can be provisioned again', async () => {
      const first = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      await commands.delete({ companyId: acme.companyId, userId: first.user.id }, context);
      const reservation = userNameStreamName(userNameSha256('jane.doe@example.com'));
      await expect(store.readStream(reservation)).rejects.toBeInstanceOf(StreamNotFound);
      const released = await store.readAll({ filter: { kind: 'streamName', prefixes: [reservation] } });
      expect(released.map((event) => event.type)).toEqual(['UserNameReserved.v1', 'UserNameReleased.v1']);

      const second = await commands.create({ companyId: globex.companyId, user: jane({ userName: 'Jane.Doe@EXAMPLE.com', permissions: undefined }) }, context);
      expect(second.user.id).not.toBe(first.user.id);
      expect(second.user.permissions.appGroup.map((grant) => grant.appGroupId)).toEqual([globex.mainId]);
      expect((await store.readStream(reservation)).map((event) => event.data)).toEqual([expect.objectContaining({ userId: second.user.id })]);
    });

    it('finishes a delete that stopped after deprovisioning: the name can be taken over and the key goes on the next delete', async () => {
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      const userId = created.user.id;
      // A crash right after the Deprovisioned event: the name stays reserved, the key stays.
      await handleCommand({
        store,
        stream: dashboardUserStreamName(userId),
        decider: sealingDecider(undefined),
        command: { type: 'DeprovisionDashboardUser', companyId: acme.companyId, occurredAt: now.toISOString() },
        commandId: randomUUID(),
        context,
      });
      const again = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      expect(again.user.id).not.toBe(userId);
      const [reserved] = await store.readStream(userNameStreamName(userNameSha256('jane.doe@example.com')), { direction: 'backwards', maxCount: 1 });
      expect(reserved.data).toMatchObject({ userId: again.user.id, takesOverFrom: userId });
      expect(await keys.findForUser(userId)).toBeDefined();
      expect(await failure(commands.delete({ companyId: acme.companyId, userId }, context))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await keys.findForUser(userId)).toBeUndefined();
      expect((await queries.get({ companyId: acme.companyId, userId: again.user.id })).user.userName).toBe('jane.doe@example.com');
    });
  });

  describe('the crash window between reservation and user stream', () => {
    async function crashAfterReservation(userName: string): Promise<{ commandId: string; userId: string }> {
      const commandId = randomUUID();
      const userId = userIdForCreate(commandId);
      await new UserNameReservations(store, { clock: () => now }).claim({ userNameSha256: userNameSha256(userName), userId, companyId: acme.companyId, commandId, context });
      return { commandId, userId };
    }

    /** Commands over `store` whose next append to a stream named `prefix…` fails unanswered, after writing (`landed`) or not. */
    function withUserAppendFailingOnce(landed: boolean, prefix = 'dashboard-user-'): DashboardUserCommands {
      let failed = false;
      const failing = Object.assign(Object.create(store) as InMemoryEventStore, {
        append: async (...args: Parameters<InMemoryEventStore['append']>) => {
          if (failed || !args[0].startsWith(prefix)) return store.append(...args);
          failed = true;
          if (landed) await store.append(...args);
          throw new EventStoreUnavailable('the connection dropped before the answer');
        },
      });
      const clock = () => now;
      return new DashboardUserCommands({ store: failing, keys, companies: new EventStoreCompanyViews(failing), reservations: new UserNameReservations(failing, { clock }), clock });
    }

    it('frees the userName at once when the user append fails unanswered and did not land: the retry is created', async () => {
      const commandId = randomUUID();
      const userId = userIdForCreate(commandId);
      const failed = await failure(withUserAppendFailingOnce(false).create({ companyId: acme.companyId, commandId, user: jane() }, context));
      expect(failed).toMatchObject({ code: 'UNAVAILABLE' });
      const fenced = await store.readStream(dashboardUserStreamName(userId));
      expect(fenced.map((event) => event.type)).toEqual(['DashboardUserProvisioningAbandoned.v1']);
      expect(await keys.findForUser(userId)).toBeUndefined();
      // No wait for danglingAfterMs: the client's retry (a new request, a new command id) is created.
      const retried = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      expect(retried.user.userName).toBe('jane.doe@example.com');
    });

    it('answers with the user when the user append landed and only its answer was lost', async () => {
      const commandId = randomUUID();
      const created = await withUserAppendFailingOnce(true).create({ companyId: acme.companyId, commandId, user: jane() }, context);
      expect(created.user).toMatchObject({ id: userIdForCreate(commandId), userName: 'jane.doe@example.com' });
      expect(await failure(commands.create({ companyId: acme.companyId, user: jane() }, context))).toMatchObject({ code: 'UNIQUENESS' });
    });

    it('settles a userName claim that landed with its answer lost: the name is released and the retry is created', async () => {
      const failed = await failure(withUserAppendFailingOnce(true, 'username-').create({ companyId: acme.companyId, user: jane() }, context));
      expect(failed).toMatchObject({ code: 'UNAVAILABLE' });
      const retried = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      expect(retried.user.userName).toBe('jane.doe@example.com');
    });

    it('lets the crashed create finish when it is retried with its command id', async () => {
      const { commandId, userId } = await crashAfterReservation('jane.doe@example.com');
      const created = await commands.create({ companyId: acme.companyId, commandId, user: jane() }, context);
      expect(created.user.id).toBe(userId);
    });

    it('keeps a fresh reservation, and lets a new create take over a dangling one; the crashed create can then never finish', async () => {
      const crashed = await crashAfterReservation('jane.doe@example.com');
      expect(await failure(commands.create({ companyId: globex.companyId, user: jane({ permissions: undefined }) }, context))).toMatchObject({ code: 'UNIQUENESS' });

      now = new Date(now.getTime() + DEFAULT_DANGLING_AFTER_MS + 1);
      const taker = await commands.create({ companyId: globex.companyId, user: jane({ permissions: undefined }) }, context);
      const fenced = await store.readStream(dashboardUserStreamName(crashed.userId));
      expect(fenced.map((event) => event.type)).toEqual(['DashboardUserProvisioningAbandoned.v1']);
      const [reserved] = await store.readStream(userNameStreamName(userNameSha256('jane.doe@example.com')), { direction: 'backwards', maxCount: 1 });
      expect(reserved.data).toMatchObject({ userId: taker.user.id, takesOverFrom: crashed.userId });

      expect(await failure(commands.create({ companyId: acme.companyId, commandId: crashed.commandId, user: jane() }, context))).toMatchObject({
        code: 'UNIQUENESS',
      });
      expect((await queries.get({ companyId: globex.companyId, userId: taker.user.id })).user.userName).toBe('jane.doe@example.com');
    });
  });

  describe('a caller that stopped waiting (its deadline passed: it has answered 503)', () => {
    let clockMs: number;
    const deadline = () => new CallDeadline(1_000, () => clockMs);

    /** Commands over `store` whose appends and reads of streams named `prefix…` take until after the deadline. */
    function slowOn(prefix: string, operation: 'append' | 'readStream'): DashboardUserCommands {
      const slow = Object.assign(Object.create(store) as InMemoryEventStore, {
        [operation]: async (...args: [string, ...unknown[]]) => {
          const result = await (store[operation] as (...a: unknown[]) => Promise<unknown>)(...args);
          if (args[0].startsWith(prefix)) clockMs = 2_000;
          return result;
        },
      });
      const clock = () => now;
      return new DashboardUserCommands({ store: slow, keys, companies: new EventStoreCompanyViews(slow), reservations: new UserNameReservations(slow, { clock }), clock });
    }

    beforeEach(() => {
      clockMs = 0;
    });

    it('starts no create, not even its userName claim', async () => {
      clockMs = 2_000;
      const commandId = randomUUID();
      expect(await failure(commands.create({ companyId: acme.companyId, commandId, user: jane() }, context, deadline()))).toBeInstanceOf(CallerStoppedWaiting);
      await expect(store.readStream(userNameStreamName(userNameSha256('jane.doe@example.com')))).rejects.toBeInstanceOf(StreamNotFound);
      await expect(store.readStream(dashboardUserStreamName(userIdForCreate(commandId)))).rejects.toBeInstanceOf(StreamNotFound);
    });

    it('writes no user when the claim outlasted the deadline: the name is released at once and the retry is created', async () => {
      const commandId = randomUUID();
      const userId = userIdForCreate(commandId);
      const failed = await failure(slowOn('username-', 'append').create({ companyId: acme.companyId, commandId, user: jane() }, context, deadline()));
      expect(failed).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('stopped waiting') });
      expect((await store.readStream(dashboardUserStreamName(userId))).map((event) => event.type)).toEqual(['DashboardUserProvisioningAbandoned.v1']);
      expect(await keys.findForUser(userId)).toBeUndefined();
      const retried = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      expect(retried.user.userName).toBe('jane.doe@example.com');
    });

    it('changes nothing when a PUT, PATCH or DELETE read the user past the deadline', async () => {
      const created = await commands.create({ companyId: acme.companyId, user: jane() }, context);
      const userId = created.user.id;
      const slow = slowOn('dashboard-user-', 'readStream');
      const before = await store.readStream(dashboardUserStreamName(userId));
      const writes = [
        () => slow.patch({ companyId: acme.companyId, userId, changes: { active: false } }, context, deadline()),
        () => slow.replace({ companyId: acme.companyId, userId, user: { ...jane(), department: 'bi' } }, context, deadline()),
        () => slow.delete({ companyId: acme.companyId, userId }, context, deadline()),
      ];
      for (const write of writes) {
        clockMs = 0;
        expect(await failure(write())).toBeInstanceOf(CallerStoppedWaiting);
      }
      expect(await store.readStream(dashboardUserStreamName(userId))).toEqual(before);
      // With time left, the same writes go through.
      clockMs = 0;
      await expect(commands.patch({ companyId: acme.companyId, userId, changes: { active: false } }, context, deadline())).resolves.toMatchObject({ user: { active: false } });
    });
  });

  it('concurrent creates of a deleted (released, soft-deleted) userName: exactly one re-claims it', async () => {
    const first = await commands.create({ companyId: acme.companyId, user: jane() }, context);
    await commands.delete({ companyId: acme.companyId, userId: first.user.id }, context);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) => commands.create({ companyId: (index % 2 === 0 ? acme : globex).companyId, user: jane({ permissions: undefined }) }, context)),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [(outcome.reason as DomainError).code] : []))).toEqual(Array(19).fill('UNIQUENESS'));
  });

  it('50 concurrent creates of one userName (in any case, in two companies): exactly one succeeds, 49 are UNIQUENESS', async () => {
    const variants = ['jane@example.com', 'JANE@example.com', 'Jane@Example.Com', 'jane@EXAMPLE.COM', ' jane@example.com '];
    const append = jest.spyOn(store, 'append');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        commands.create(
          { companyId: (index % 2 === 0 ? acme : globex).companyId, user: jane({ userName: variants[index % variants.length], permissions: undefined }) },
          { ...context, correlationId: `create-${index}` },
        ),
      ),
    );
    const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const failed = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as DomainError] : []));
    expect(succeeded).toHaveLength(1);
    expect(failed).toHaveLength(49);
    expect(new Set(failed.map((error) => error.code))).toEqual(new Set(['UNIQUENESS']));
    // The claims really raced: many reached the store with `no_stream`, and the store let one through.
    const claims = append.mock.calls.filter(([stream, , options]) => stream.startsWith('username-') && options.expectedRevision === 'no_stream');
    expect(claims.length).toBeGreaterThan(10);

    const users = await store.readAll({ filter: { kind: 'streamName', prefixes: ['dashboard-user-'] } });
    expect(users.map((event) => event.type)).toEqual(['DashboardUserProvisioned.v1']);
    expect(keys.size).toBe(1);
    const position = succeeded[0].status === 'fulfilled' ? succeeded[0].value.position : null;
    const total = (await search(acme.companyId, 'userName eq "jane@example.com"', position ?? undefined)).totalResults +
      (await search(globex.companyId, 'userName eq "jane@example.com"')).totalResults;
    expect(total).toBe(1);
    expect(parseLogPosition(position ?? '0/0').commit).toBeGreaterThan(0n);
  });
});
