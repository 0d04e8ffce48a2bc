import { randomUUID } from 'node:crypto';
import {
  CreateDashboardUserRpc,
  DeleteDashboardUserRpc,
  GetDashboardUserRpc,
  GetDashboardUsersRpc,
  MAX_USERS_PER_GET_MANY,
  PatchDashboardUserRpc,
  ReplaceDashboardUserRpc,
  SearchDashboardUsersRpc,
} from './dashboard-user.contracts';
import { DashboardUserProvisioned } from './dashboard-user.events';
import { userNameKey, userNameSha256 } from './user-name-key';

describe('dashboard user contracts', () => {
  it('use the settings.users.<verb> subjects', () => {
    expect(
      [CreateDashboardUserRpc, GetDashboardUserRpc, ReplaceDashboardUserRpc, PatchDashboardUserRpc, DeleteDashboardUserRpc, SearchDashboardUsersRpc].map(
        (contract) => contract.subject,
      ),
    ).toEqual(['settings.users.create', 'settings.users.get', 'settings.users.replace', 'settings.users.patch', 'settings.users.delete', 'settings.users.search']);
  });

  it('create: trims the userName and requires it; PUT may leave it out; PATCH keeps null apart from absent', () => {
    const companyId = randomUUID();
    expect(CreateDashboardUserRpc.request.parse({ companyId, user: { userName: ' jane@example.com ' } }).user.userName).toBe('jane@example.com');
    expect(CreateDashboardUserRpc.request.safeParse({ companyId, user: { userName: '  ' } }).success).toBe(false);
    expect(ReplaceDashboardUserRpc.request.safeParse({ companyId, userId: 'x', user: { name: { givenName: 'J' } } }).success).toBe(true);
    expect(PatchDashboardUserRpc.request.parse({ companyId, userId: 'x', changes: { externalId: null } }).changes).toEqual({ externalId: null });
    expect(ReplaceDashboardUserRpc.request.safeParse({ companyId, userId: 'x', expectedRevision: -1, user: {} }).success).toBe(false);
  });

  it('search: pages from 1 with the default size unless told', () => {
    expect(SearchDashboardUsersRpc.request.parse({ companyId: randomUUID() })).toMatchObject({ startIndex: 1, count: 100 });
  });

  it('get-many: one to MAX_USERS_PER_GET_MANY ids, and one correlation id per id when they are given', () => {
    const companyId = randomUUID();
    expect(GetDashboardUsersRpc.subject).toBe('settings.users.get-many');
    expect(GetDashboardUsersRpc.request.safeParse({ companyId, userIds: ['a', 'b'], correlationIds: ['r1', 'r2'] }).success).toBe(true);
    expect(GetDashboardUsersRpc.request.safeParse({ companyId, userIds: [] }).success).toBe(false);
    expect(GetDashboardUsersRpc.request.safeParse({ companyId, userIds: Array.from({ length: MAX_USERS_PER_GET_MANY + 1 }, () => 'a') }).success).toBe(false);
    expect(GetDashboardUsersRpc.request.safeParse({ companyId, userIds: ['a', 'b'], correlationIds: ['r1'] }).success).toBe(false);
    expect(GetDashboardUsersRpc.reply.safeParse({ users: [null] }).success).toBe(true);
  });

  it('provisioned events carry no userName in clear', () => {
    expect(Object.keys(DashboardUserProvisioned.schema.shape)).not.toContain('userName');
  });
});

describe('userName keys', () => {
  it('fold case and surrounding space, and hash the folded form', () => {
    expect(userNameKey(' Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(userNameSha256('JANE.DOE@example.com')).toBe(userNameSha256('jane.doe@example.com '));
    expect(userNameSha256('jane.doe@example.com')).toMatch(/^[0-9a-f]{64}$/);
    expect(userNameSha256('jane.doe@example.org')).not.toBe(userNameSha256('jane.doe@example.com'));
  });
});
